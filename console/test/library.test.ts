import type { ConsoleCaseDto, LibraryAdminItemDto } from '@minsheng/shared';
import { describe, expect, it } from 'vitest';
import { formValuesOf, policyInputOf, updateBodyOf } from '../src/features/admin/library-forms';
import { checkSynonyms, formatSynonymGroups, parseSynonymText, synonymProblems } from '../src/features/admin/synonyms-text';
import { cleanTags, publishOffer, recheckSummary, redactionSummary, republishWarning } from '../src/features/cases/publication';

describe('synonym list as text', () => {
  it('reads one group per line, terms split by 、，, ；; and spaces (full-width too)', () => {
    const text = '社会保险、社保，社保费, 五险\n\n  养老金 退休金\u3000退休工资；养老钱;养老保险\r\n公积金\t住房公积金\n';
    expect(parseSynonymText(text)).toEqual({
      groups: [
        ['社会保险', '社保', '社保费', '五险'],
        ['养老金', '退休金', '退休工资', '养老钱', '养老保险'],
        ['公积金', '住房公积金'],
      ],
      lines: [1, 3, 4],
    });
  });

  it('round-trips: text → groups → text → the same groups', () => {
    const groups = [
      ['农民工工资', '欠薪', '讨薪'],
      ['异地就医', '外地看病'],
      ['ETC', '电子不停车收费'],
    ];
    const text = formatSynonymGroups(groups);
    expect(text).toBe('农民工工资、欠薪、讨薪\n异地就医、外地看病\nETC、电子不停车收费');
    expect(parseSynonymText(text).groups).toEqual(groups);
    // And messy text settles after one pass.
    const messy = ' 低保，低保金 ,, 低保户 \n\n\n噪声 噪音、吵 ';
    const once = formatSynonymGroups(parseSynonymText(messy).groups);
    expect(formatSynonymGroups(parseSynonymText(once).groups)).toBe(once);
    expect(once).toBe('低保、低保金、低保户\n噪声、噪音、吵');
  });

  it('counts a term repeated on its own line once, and an empty text as no groups', () => {
    expect(parseSynonymText('社保、社保、五险').groups).toEqual([['社保', '五险']]);
    expect(parseSynonymText(' \n \n').groups).toEqual([]);
    expect(formatSynonymGroups([])).toBe('');
  });

  it('points the shared contract’s problems at the lines the admin typed', () => {
    const parsed = parseSynonymText('社保、五险\n\n医保\n养老金、社保');
    expect(checkSynonyms(parsed)).toEqual(['第 3 行：每组至少两个词', '第 4 行：“社保”已在第 1 组中，一个词只能属于一组']);
    expect(checkSynonyms(parseSynonymText('社保、五险\n医保、合作医疗'))).toEqual([]);
  });

  it('turns the API’s field errors into line-numbered sentences, general ones first', () => {
    expect(synonymProblems({ 'groups.1.0': '同义词不能超过 20 个字（当前 25 个）', groups: '同义词组不能超过 300 组' }, [2, 5])).toEqual([
      '同义词组不能超过 300 组',
      '第 5 行：同义词不能超过 20 个字（当前 25 个）',
    ]);
  });
});

const consultation = {
  type: 'consultation',
  status: 'replied',
  publishConsent: true,
  answer: { text: '答复', at: '2026-11-21T10:00:00+08:00', departmentName: '人力资源和社会保障局', officialId: 'rsj' },
} as Pick<ConsoleCaseDto, 'type' | 'status' | 'publishConsent' | 'answer'>;

describe('which cases offer publishing to the library', () => {
  it('an answered (replied or closed) consultation the citizen agreed to publish, for intake and supervisors', () => {
    expect(publishOffer(consultation, 'intake')).toEqual({ kind: 'available' });
    expect(publishOffer({ ...consultation, status: 'closed' }, 'supervisor')).toEqual({ kind: 'available' });
  });

  it('never for a department handler or an admin', () => {
    expect(publishOffer(consultation, 'handler')).toEqual({ kind: 'hidden' });
    expect(publishOffer(consultation, 'admin')).toEqual({ kind: 'hidden' });
  });

  it('not for other case types, nor before the answer', () => {
    expect(publishOffer({ ...consultation, type: 'complaint' }, 'intake')).toEqual({ kind: 'hidden' });
    expect(publishOffer({ ...consultation, status: 'in_progress' }, 'intake')).toEqual({ kind: 'hidden' });
    const { answer: _answer, ...unanswered } = consultation;
    expect(publishOffer(unanswered, 'intake')).toEqual({ kind: 'hidden' });
  });

  it('says why when the citizen did not agree', () => {
    expect(publishOffer({ ...consultation, publishConsent: false }, 'intake')).toEqual({ kind: 'blocked', reason: '市民提交时未同意公开' });
  });
});

describe('the words around the preview', () => {
  const none = { name: 0, phone: 0, idNumber: 0, address: 0, email: 0, other: 0 };

  it('says what anonymisation took out, in a fixed order, skipping kinds not found', () => {
    expect(redactionSummary({ ...none, phone: 2, name: 1 })).toBe('已隐去：姓名 1 处、电话 2 处');
    expect(redactionSummary({ ...none, other: 1, idNumber: 1, address: 3, email: 1 })).toBe('已隐去：身份证号 1 处、地址 3 处、邮箱 1 处、案件编号等其他信息 1 处');
    expect(redactionSummary(none)).toBe('未发现需要隐去的个人信息');
  });

  it('after publishing, says what the second pass took out (a phone typed back in), and never that nothing personal is left', () => {
    expect(recheckSummary({ ...none, phone: 1 })).toBe('发布时已按规则再次检查，又隐去了：电话 1 处。自动匿名不能保证找出全部个人信息，请在问答库中再核对一遍。');
    expect(recheckSummary(none)).toBe('发布时已按规则再次检查。自动匿名不能保证找出全部个人信息，请在问答库中再核对一遍。');
    expect(recheckSummary(none)).not.toMatch(/未发现/);
  });

  it("warns that publishing again replaces the earlier item, an admin's corrections included, in Beijing time", () => {
    expect(republishWarning({ id: 'qa-01abc', updatedAt: '2026-11-21T02:05:00.000Z', updatedBy: 'shouli' })).toBe(
      '已发布于 2026-11-21 10:05（shouli，条目编号 qa-01abc）。再次发布将用下面的内容替换原条目（管理员在问答库中对原条目的修改也会被替换）。',
    );
  });

  it('cleans tags: trimmed, no blanks, no repeats', () => {
    expect(cleanTags([' 社保 ', '', '社保', '灵活就业'])).toEqual(['社保', '灵活就业']);
    expect(cleanTags(undefined)).toEqual([]);
  });
});

describe('library editor bodies', () => {
  it('a policy: trimmed, blank optional fields left out, the revision edited when replacing', () => {
    const v = { title: ' 青禾补助申领办法 ', issuer: '民安县农业农村局', issuedAt: '2026-03-01', docNo: ' ', body: '正文\n第二段 ', sourceUrl: '', tags: ['补贴', ' 补贴', ''], categoryId: 'huinong-zhengce' };
    expect(policyInputOf(v)).toEqual({ title: '青禾补助申领办法', issuer: '民安县农业农村局', issuedAt: '2026-03-01', body: '正文\n第二段', tags: ['补贴'], categoryId: 'huinong-zhengce' });
    expect(updateBodyOf('policy', v, 3)).toMatchObject({ kind: 'policy', expectedRevision: 3, title: '青禾补助申领办法' });
  });

  it('a published Q&A: title, question, answer and tags only', () => {
    expect(updateBodyOf('qa', { title: '问', question: ' 怎么办？ ', answer: '这样办。', tags: ['社保'], issuer: 'ignored' }, 2)).toEqual({
      kind: 'qa',
      title: '问',
      question: '怎么办？',
      answer: '这样办。',
      tags: ['社保'],
      expectedRevision: 2,
    });
  });

  it('fills the editor from an item of either kind', () => {
    const item = { id: 'qa-1', kind: 'qa', title: 'T', body: 'A', answer: 'A', question: 'Q', tags: ['x'], issuedAt: '2026-01-01' } as LibraryAdminItemDto;
    expect(formValuesOf(item)).toEqual({ title: 'T', question: 'Q', answer: 'A', tags: ['x'] });
    const policy = { id: 'p-1', kind: 'policy', title: 'P', body: 'B', tags: [], issuedAt: '2026-01-01', issuer: '局', docNo: '1号' } as unknown as LibraryAdminItemDto;
    expect(formValuesOf(policy)).toEqual({ title: 'P', issuer: '局', issuedAt: '2026-01-01', docNo: '1号', body: 'B', sourceUrl: '', tags: [] });
  });
});
