import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SLA_POLICIES, type TrackedCaseDto } from '@minsheng/shared';
import { EMPTY_DRAFT, type Draft } from '../src/features/cases/device';
import { CASE_TYPE_GUIDE } from '../src/features/cases/case-types';
import { draftForLink, draftToRequest, validateDraft } from '../src/features/cases/filing';
import { dueLine, statusExplanation } from '../src/features/cases/status';
import { newIdempotencyKey } from '../src/lib/ids';
import { formatDate, groupCaseNo, groupPassword } from '../src/lib/format';

// Device storage is not used by what is tested here.
vi.mock('@tarojs/taro', () => ({ default: {} }));

const draft = (patch: Partial<Draft>): Draft => ({ ...EMPTY_DRAFT, type: 'complaint', categoryId: 'tuoqian-gongzi', title: '拖欠工资', content: '三个月没发工资', ...patch });

describe('the filing form, checked with the API’s own schema', () => {
  it('sends trimmed text and leaves empty optional parts out', () => {
    expect(draftToRequest(draft({ title: '  拖欠工资 ', name: ' ', phone: '', place: '' }))).toEqual({ type: 'complaint', categoryId: 'tuoqian-gongzi', title: '拖欠工资', content: '三个月没发工资' });
    expect(draftToRequest(draft({ name: '王师傅', phone: '138 0013 8000', place: '城南小区' }))).toMatchObject({ contact: { name: '王师傅', phone: '13800138000' }, location: { text: '城南小区' } });
  });

  it('drops name and phone for an anonymous report, and never sends anonymous for other types', () => {
    expect(draftToRequest(draft({ type: 'report', anonymous: true, name: '王', phone: '13800138000' }))).toMatchObject({ anonymous: true });
    expect(draftToRequest(draft({ type: 'report', anonymous: true, name: '王' })).contact).toBeUndefined();
    expect(draftToRequest(draft({ type: 'complaint', anonymous: true })).anonymous).toBeUndefined();
  });

  it('sends publishConsent for consultations only: what the citizen chose, off by default', () => {
    const consultation = draft({ type: 'consultation', categoryId: 'shebao', title: '在外地打零工，社保怎么交', content: '没有固定单位，想自己交养老保险' });
    expect(draftToRequest(consultation).publishConsent).toBe(false);
    expect(draftToRequest({ ...consultation, publishConsent: true }).publishConsent).toBe(true);
    for (const type of ['complaint', 'report', 'suggestion'] as const) {
      expect(draftToRequest(draft({ type, publishConsent: true }))).not.toHaveProperty('publishConsent');
    }
    const checked = validateDraft({ ...consultation, publishConsent: true });
    expect(checked.ok && checked.body.publishConsent).toBe(true);
  });

  it('lets a tapped link choose the type once; the same link again (reload, coming back) keeps the citizen’s choice', () => {
    const saved = draft({ type: 'consultation', categoryId: 'shebao', publishConsent: true, link: 'k1' });
    // A new tap on 我要投诉: complaint, category and consent cleared.
    const fresh = draftForLink(saved, { type: 'complaint', link: 'k2' });
    expect(fresh).toMatchObject({ type: 'complaint', categoryId: undefined, publishConsent: false, link: 'k2', title: saved.title, content: saved.content });
    // The citizen then picks 咨询 on the form; the page is rebuilt from the same URL: nothing changes.
    const chosen = { ...fresh, type: 'consultation' as const, categoryId: 'shebao' };
    expect(draftForLink(chosen, { type: 'complaint', link: 'k2' })).toBe(chosen);
    // Same type, new link: the draft stays as it is.
    expect(draftForLink(chosen, { type: 'consultation', link: 'k3' })).toMatchObject({ type: 'consultation', categoryId: 'shebao', link: 'k3' });
    // No link (a typed URL): the type in it counts; no type: nothing changes.
    expect(draftForLink(chosen, { type: 'report' })).toMatchObject({ type: 'report', categoryId: undefined });
    expect(draftForLink(chosen, {})).toBe(chosen);
    expect(draftForLink(chosen, { type: 'nonsense', link: 'k4' })).toBe(chosen);
  });

  it('says what is missing or wrong, keyed like the API’s field errors', () => {
    const result = validateDraft(draft({ type: undefined, categoryId: undefined, title: ' ', phone: '12345', content: 'x'.repeat(4001) }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fields).toMatchObject({
      type: '请选择诉求类型：咨询、投诉、举报或建议',
      categoryId: '请选择问题类别',
      title: '标题不能为空',
      'contact.phone': '请填写正确的手机号或带区号的座机号',
    });
    expect(result.fields.content).toContain('4000');
  });

  it('accepts a complete form', () => {
    const result = validateDraft(draft({ phone: '010-12345678' }));
    expect(result.ok).toBe(true);
  });
});

describe('what the case page says', () => {
  const base = { status: 'in_progress', dueAt: '2026-12-06T23:59:59+08:00', sla: { level: 'normal', paused: false, daysLeft: 12 }, departmentName: '人力资源和社会保障局' } as TrackedCaseDto;

  it('gives the due date in Beijing time with the days left, paused or overdue', () => {
    expect(dueLine(base)).toEqual({ text: '答复期限 2026年12月6日（还剩 12 天）', tone: 'normal' });
    expect(dueLine({ ...base, sla: { ...base.sla, paused: true } }).text).toContain('期限暂停计算');
    expect(dueLine({ ...base, sla: { ...base.sla, daysLeft: -2, level: 'overdue' } })).toMatchObject({ tone: 'overdue', text: expect.stringContaining('已超期 2 天') });
    expect(dueLine({ ...base, status: 'replied' }).tone).toBe('done');
  });

  it('explains every status in a sentence', () => {
    for (const status of ['submitted', 'in_progress', 'awaiting_citizen', 'replied', 'closed', 'rejected', 'merged'] as const) {
      expect(statusExplanation({ ...base, status }).length).toBeGreaterThan(8);
    }
    expect(statusExplanation(base)).toContain('人力资源和社会保障局');
  });

  it('promises the answer times of the SLA policies on the home page', () => {
    expect(CASE_TYPE_GUIDE.consultation.next).toContain(`${DEFAULT_SLA_POLICIES.consultation.answerDays} 天内答复`);
    expect(CASE_TYPE_GUIDE.complaint.next).toContain(`${DEFAULT_SLA_POLICIES.complaint.answerDays} 天内答复`);
  });
});

describe('small helpers', () => {
  it('makes idempotency keys the API accepts, different every time', () => {
    const keys = new Set(Array.from({ length: 1000 }, newIdempotencyKey));
    expect(keys.size).toBe(1000);
    for (const key of keys) expect(key).toMatch(/^[\x21-\x7e]{8,128}$/);
  });

  it('formats dates in Beijing time and groups credentials for reading', () => {
    expect(formatDate('2026-11-30T16:30:00Z')).toBe('2026年12月1日');
    // A no-break space between the groups: a number is never split across lines.
    expect(groupCaseNo('20261121123456')).toBe('20261121\u00a0123456');
    expect(groupPassword('B68DWRME')).toBe('B68D\u00a0WRME');
  });
});
