import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  PHONE_PATTERN,
  charCount,
  fileCaseRequestSchema,
  issuesToFields,
  ratingRequestSchema,
  supplementRequestSchema,
  textProblem,
  trackLoginRequestSchema,
  type FieldErrors,
} from '../src';

const RARE_CJK = '\u{20000}'; // 𠀀, outside the BMP: two UTF-16 units, one character
const EMOJI = '😀';

const valid = {
  type: 'complaint',
  categoryId: 'cat-roads',
  title: '小区门口路灯不亮',
  content: '小区门口的路灯已经坏了两周，晚上出行很不方便。',
};

/** Parses a filing body; returns the field errors (empty when it is accepted). */
function fileErrors(body: unknown): FieldErrors {
  const result = fileCaseRequestSchema.safeParse(body);
  return result.success ? {} : issuesToFields(result.error.issues, body);
}

function expectAccepted(body: unknown) {
  const result = fileCaseRequestSchema.safeParse(body);
  expect(result.success ? 'accepted' : issuesToFields(result.error.issues)).toBe('accepted');
}

describe('charCount', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['路灯不亮', 4],
    [EMOJI, 1],
    [RARE_CJK, 1],
    [`${EMOJI}${RARE_CJK}a`, 3],
  ])('%j has %i characters', (s, n) => {
    expect(charCount(s)).toBe(n);
  });
});

describe('fileCaseRequestSchema: a valid body', () => {
  it('is accepted with all optional parts', () => {
    const body = {
      ...valid,
      anonymous: false,
      contact: { name: '张三', phone: '13800138000' },
      location: { text: '和平区南京街 12 号', lat: 41.8, lng: 123.4 },
      publishConsent: true,
    };
    const result = fileCaseRequestSchema.safeParse(body);
    expect(result.success).toBe(true);
    expect(result.data).toEqual(body);
  });

  it.each(['consultation', 'complaint', 'report', 'suggestion'])('type %s is accepted', (type) => {
    expectAccepted({ ...valid, type });
  });

  it('an unknown type is rejected with a message listing the types', () => {
    expect(fileErrors({ ...valid, type: 'praise' }).type).toContain('咨询');
  });
});

describe('fileCaseRequestSchema: title length counts characters, not UTF-16 units', () => {
  it.each([
    ['rare CJK', RARE_CJK],
    ['emoji', EMOJI],
    ['plain CJK', '路'],
  ])('100 × %s is accepted', (_label, ch) => {
    const title = ch.repeat(LIMITS.titleMax);
    expect(charCount(title)).toBe(100);
    expectAccepted({ ...valid, title });
  });

  it('100 characters mixing emoji and rare CJK (200 UTF-16 units) are accepted', () => {
    const title = `${EMOJI}${RARE_CJK}`.repeat(50);
    expect(title.length).toBe(200);
    expectAccepted({ ...valid, title });
  });

  it.each([
    ['rare CJK', RARE_CJK],
    ['emoji', EMOJI],
    ['plain CJK', '路'],
  ])('101 × %s is rejected with a Chinese message naming 标题', (_label, ch) => {
    const fields = fileErrors({ ...valid, title: ch.repeat(101) });
    expect(Object.keys(fields)).toEqual(['title']);
    expect(fields.title).toContain('标题');
    expect(fields.title).toContain('100');
    expect(fields.title).toBe('标题不能超过 100 个字（当前 101 个）');
  });

  it('content of 4000 characters is accepted, 4001 rejected', () => {
    expectAccepted({ ...valid, content: '字'.repeat(4000) });
    expectAccepted({ ...valid, content: EMOJI.repeat(4000) });
    const fields = fileErrors({ ...valid, content: '字'.repeat(4001) });
    expect(fields.content).toContain('内容');
    expect(fields.content).toContain('4000');
  });
});

describe('fileCaseRequestSchema: text hygiene', () => {
  it.each(['', ' ', '   ', '\u3000\u3000'])('title %j (empty or blank) is rejected', (title) => {
    expect(fileErrors({ ...valid, title }).title).toBe('标题不能为空');
  });

  it('blank content is rejected', () => {
    expect(fileErrors({ ...valid, content: ' \n\t ' }).content).toBe('内容不能为空');
  });

  it.each([
    ['NUL', '\u0000'],
    ['BEL', '\u0007'],
    ['ESC', '\u001b'],
    ['DEL', '\u007f'],
    ['C1 NEL', '\u0085'],
  ])('a %s control character is rejected in content and title', (_label, ch) => {
    expect(fileErrors({ ...valid, content: `路灯${ch}不亮` }).content).toBe('内容含有不允许的控制字符');
    expect(fileErrors({ ...valid, title: `路灯${ch}不亮` }).title).toBe('标题含有不允许的控制字符');
  });

  it('newlines, CRLF and tabs are allowed in content', () => {
    expectAccepted({ ...valid, content: '第一行\n第二行\r\n\t缩进的第三行' });
  });

  it.each([
    ['a newline', '路灯\n不亮'],
    ['a carriage return', '路灯\r不亮'],
    ['a tab', '路灯\t不亮'],
  ])('%s is rejected in the title', (_label, title) => {
    expect(fileErrors({ ...valid, title }).title).toBe('标题含有不允许的控制字符');
  });

  it.each([
    ['RLO', '\u202E'],
    ['LRE', '\u202A'],
    ['RLI', '\u2067'],
    ['PDI', '\u2069'],
  ])('bidi control %s is rejected in title and content', (_label, ch) => {
    expect(fileErrors({ ...valid, title: `退款${ch}txt.exe` }).title).toBe('标题含有不允许的控制字符');
    expect(fileErrors({ ...valid, content: `退款${ch}txt.exe` }).content).toBe('内容含有不允许的控制字符');
  });

  it('a lone surrogate is rejected', () => {
    expect(fileErrors({ ...valid, title: 'ab\uD800cd' }).title).toBe('标题含有无效字符');
    expect(fileErrors({ ...valid, content: 'ab\uDC00' }).content).toBe('内容含有无效字符');
  });
});

describe('fileCaseRequestSchema: shape', () => {
  it('an unknown extra field is rejected as 不支持的字段', () => {
    expect(fileErrors({ ...valid, priority: 'high' })).toEqual({ priority: '不支持的字段' });
  });

  it('an unknown field inside contact is reported with its dotted path', () => {
    expect(fileErrors({ ...valid, contact: { phone: '13800138000', idCard: 'x' } })).toEqual({ 'contact.idCard': '不支持的字段' });
  });

  it.each(['type', 'categoryId', 'title', 'content'])('missing %s is reported on that field', (field) => {
    const body: Record<string, unknown> = { ...valid };
    delete body[field];
    expect(fileErrors(body)[field]).toBeTruthy();
  });

  it('a missing title says it is required', () => {
    const { title: _omit, ...body } = valid;
    expect(fileErrors(body).title).toBe('此项为必填');
  });

  it('a wrong type (title: 123) gives a message on the title field', () => {
    const fields = fileErrors({ ...valid, title: 123 });
    expect(Object.keys(fields)).toEqual(['title']);
    expect(fields.title).toBeTruthy();
  });

  it.each([
    ['title', 123, '应为文本'],
    ['content', ['a'], '应为文本'],
    ['anonymous', 'yes', '应为是或否'],
    ['publishConsent', 1, '应为是或否'],
  ])('a wrong type for %s says what is expected (%j → %s), not that it is missing', (field, value, message) => {
    expect(fileErrors({ ...valid, [field]: value })[field]).toBe(message);
  });

  it('a body that is not an object is rejected', () => {
    expect(fileCaseRequestSchema.safeParse('hello').success).toBe(false);
    expect(fileCaseRequestSchema.safeParse(null).success).toBe(false);
    expect(fileCaseRequestSchema.safeParse([]).success).toBe(false);
  });

  it('location coordinates are range-checked', () => {
    expect(fileErrors({ ...valid, location: { lat: 91 } })['location.lat']).toContain('纬度');
    expect(fileErrors({ ...valid, location: { lng: -181 } })['location.lng']).toContain('经度');
  });
});

describe('fileCaseRequestSchema: anonymity', () => {
  it('an anonymous report is accepted', () => {
    expectAccepted({ ...valid, type: 'report', anonymous: true });
  });

  it.each(['consultation', 'complaint', 'suggestion'])('an anonymous %s is rejected', (type) => {
    expect(fileErrors({ ...valid, type, anonymous: true })).toEqual({ anonymous: '只有举报可以匿名提交' });
  });

  it.each(['consultation', 'complaint', 'suggestion', 'report'])('anonymous: false is fine for %s', (type) => {
    expectAccepted({ ...valid, type, anonymous: false });
  });

  it.each([
    ['a phone', { phone: '13800138000' }],
    ['a name', { name: '张三' }],
  ])('an anonymous report with %s is rejected', (_label, contact) => {
    expect(fileErrors({ ...valid, type: 'report', anonymous: true, contact })).toEqual({ contact: '匿名举报请不要填写姓名和电话' });
  });
});

describe('phone numbers', () => {
  it.each(['13800138000', '19912345678', '010-12345678', '0755-1234567', '01012345678'])('%s is accepted', (phone) => {
    expect(PHONE_PATTERN.test(phone)).toBe(true);
    expectAccepted({ ...valid, contact: { phone } });
  });

  it.each(['12345', '12800138000', '1380013800', '138001380000', '138-0013-8000', 'abc', ''])('%j is rejected on contact.phone', (phone) => {
    const fields = fileErrors({ ...valid, contact: { phone } });
    expect(fields).toEqual({ 'contact.phone': '请填写正确的手机号或带区号的座机号' });
  });
});

describe('other request bodies', () => {
  it.each(['satisfied', 'basically_satisfied', 'unsatisfied'])('rating %s is accepted', (rating) => {
    expect(ratingRequestSchema.safeParse({ rating }).success).toBe(true);
    expect(ratingRequestSchema.safeParse({ rating, comment: '处理及时' }).success).toBe(true);
    expect(ratingRequestSchema.safeParse({ rating, comment: '' }).success).toBe(true);
  });

  it.each(['good', 'SATISFIED', '满意', '', 3, null])('rating %j is rejected with the three choices named', (rating) => {
    const result = ratingRequestSchema.safeParse({ rating });
    expect(result.success).toBe(false);
    if (typeof rating === 'string') expect(issuesToFields(result.error!.issues).rating).toContain('基本满意');
  });

  it('a rating comment over 500 characters, or with extra fields, is rejected', () => {
    expect(ratingRequestSchema.safeParse({ rating: 'satisfied', comment: '好'.repeat(501) }).success).toBe(false);
    expect(ratingRequestSchema.safeParse({ rating: 'satisfied', comment: '好'.repeat(500) }).success).toBe(true);
    expect(issuesToFields(ratingRequestSchema.safeParse({ rating: 'satisfied', score: 5 }).error!.issues)).toEqual({ score: '不支持的字段' });
  });

  it('a supplement must have content and allows lines', () => {
    expect(supplementRequestSchema.safeParse({ content: '门牌号：\n12 号' }).success).toBe(true);
    expect(issuesToFields(supplementRequestSchema.safeParse({ content: '  ' }).error!.issues)).toEqual({ content: '补充内容不能为空' });
  });

  it('track login needs both credentials', () => {
    expect(trackLoginRequestSchema.safeParse({ caseNo: '20261121483920', password: 'ABCD2345' }).success).toBe(true);
    const fields = issuesToFields(trackLoginRequestSchema.safeParse({ caseNo: '', password: '' }).error!.issues);
    expect(fields).toEqual({ caseNo: '请输入案件编号', password: '请输入查询密码' });
  });
});

describe('issuesToFields', () => {
  it('joins paths with dots and keeps the first message per field', () => {
    expect(
      issuesToFields([
        { code: 'invalid_format', path: ['contact', 'phone'], message: '请填写正确的手机号或带区号的座机号' },
        { code: 'custom', path: ['contact', 'phone'], message: '第二条消息' },
        { code: 'too_big', path: ['location', 'lat'], message: '纬度应在 -90 到 90 之间' },
        { code: 'custom', path: ['items', 0, 'name'], message: '名称无效' },
      ]),
    ).toEqual({
      'contact.phone': '请填写正确的手机号或带区号的座机号',
      'location.lat': '纬度应在 -90 到 90 之间',
      'items.0.name': '名称无效',
    });
  });

  it('puts body-level problems under "_" and replaces zod\'s English default message', () => {
    expect(issuesToFields([{ code: 'invalid_union', path: [], message: 'Invalid input' }])).toEqual({ _: '取值无效' });
  });

  it('names each unknown key, nested ones with their parent path', () => {
    expect(issuesToFields([{ code: 'unrecognized_keys', path: ['contact'], keys: ['a', 'b'], message: 'Invalid input' }])).toEqual({
      'contact.a': '不支持的字段',
      'contact.b': '不支持的字段',
    });
  });

  it('tells a missing field from a wrongly typed one when the input is known', () => {
    expect(issuesToFields([{ code: 'invalid_type', path: ['title'], expected: 'string', message: 'Invalid input' }])).toEqual({ title: '此项为必填' });
    expect(issuesToFields([{ code: 'invalid_type', path: ['lat'], expected: 'number', input: 'x', message: 'Invalid input' }])).toEqual({ lat: '应为数字' });
  });
});

describe('textProblem', () => {
  const opts = { label: '标题', max: 5 };
  it.each([
    ['正常标题', undefined],
    ['', '标题不能为空'],
    ['一二三四五六', '标题不能超过 5 个字（当前 6 个）'],
    [`${EMOJI}${EMOJI}${EMOJI}${EMOJI}${EMOJI}`, undefined],
    ['a\u0000', '标题含有不允许的控制字符'],
  ])('%j → %s', (value, problem) => {
    expect(textProblem(value, opts)).toBe(problem);
  });

  it('an optional blank text is fine', () => {
    expect(textProblem('  ', { ...opts, optional: true })).toBeUndefined();
  });
});

describe('meaningful text: the one rule of "not empty"', () => {
  it('refuses a title or content made only of invisible characters, as it refuses empty text', async () => {
    const { fileCaseRequestSchema } = await import('../src');
    const base = { type: 'complaint', categoryId: 'tuoqian-gongzi', title: '工地拖欠工资', content: '三个月没发工资' };
    for (const [field, value] of [
      ['title', '\u200B\u200B\u200B'],
      ['content', '\u200B\u2060\uFEFF'],
      ['title', '\u3000\u00A0\u2800'],
      ['content', '\u3164\uFE0F'],
    ] as const) {
      const result = fileCaseRequestSchema.safeParse({ ...base, [field]: value });
      expect(result.success, `${field}=${JSON.stringify(value)}`).toBe(false);
      expect(JSON.stringify(result.error?.issues)).toContain('不能为空');
    }
  });

  it('keeps text with visible characters around invisible ones (emoji sequences, a zero-width space inside a word)', async () => {
    const { hasMeaningfulText } = await import('../src');
    expect(hasMeaningfulText('工\u200B资')).toBe(true);
    expect(hasMeaningfulText('👨\u200D👩\u200D👧')).toBe(true);
    expect(hasMeaningfulText('\u200B \u2060')).toBe(false);
  });
});
