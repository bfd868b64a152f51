/**
 * Duplicate candidates at intake (issue #16): open cases filed within the last 30 days, in scope,
 * that share the phone (keyed-hash index), the place unit and category, or nearly the same text
 * (Jaccard of character pairs ≥ 0.3) — each with the rules that matched; never the case itself, a
 * merged, closed or older one, another county's, or another category at the same place.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SIMILAR_TEXT_THRESHOLD, indexedTerms, jaccard } from '@minsheng/shared';
import { createTestStack, type TestStack } from '../../support/stack';
import { act, complaintBody, fileAs, show } from '../../support/console';
import { DAY, Session, T0, expectApiError } from './console-kit';

let stack: TestStack;
let session: Session;
const c: Record<string, string> = {};

const LAMP = { title: '城南大道路灯不亮', content: '城南大道 18 号门口的路灯坏了一个月，晚上很黑，老人走路不安全。' };
const LAMP_AGAIN = { title: '路灯坏了', content: '城南大道 18 号门口路灯坏了一个月了，晚上很黑，老人走路不安全，请尽快修。' };
const UNRELATED = { title: '小区物业乱收费', content: '城南花园小区物业多收停车费，每月多收 50 元。' };
const place = (unitId: string) => ({ location: { text: '某处', unitId } });

const duplicates = async (username: string, caseNo: string) => stack.request('GET', `/api/console/cases/${caseNo}/duplicates`, { token: await session.token(username) });
const candidates = async (username: string, caseNo: string) => {
  const res = await duplicates(username, caseNo);
  expect(res.status, show(res)).toBe(200);
  return Object.fromEntries((res.body.items as { caseNo: string; rules: string[]; similarity: number }[]).map((i) => [i.caseNo, i]));
};

beforeAll(async () => {
  stack = await createTestStack({ with: ['caseIndexer'] });
  session = await Session.start(stack, new Date(T0.getTime() - 31 * DAY));
  // Older than 30 days: same phone, same place and category, same text — never a candidate.
  c.old = (await fileAs(stack, complaintBody({ ...LAMP, ...place('qingshan'), categoryId: 'daolu-jiaotong', contact: { name: '张三', phone: '13911112222' } }))).caseNo;
  session.setNow(T0);
  c.samePhone = (await fileAs(stack, complaintBody({ ...UNRELATED, contact: { name: '张三', phone: '13911112222' }, ...place('qs-chengnan') }))).caseNo;
  c.samePlace = (await fileAs(stack, complaintBody({ title: '路口积水', content: '下雨后路口积水严重。', ...place('qingshan'), categoryId: 'daolu-jiaotong', contact: { name: '李四', phone: '13600000001' } }))).caseNo;
  c.similar = (await fileAs(stack, complaintBody({ ...LAMP_AGAIN, ...place('qs-shuangmiao'), contact: { name: '王五', phone: '13600000002' } }))).caseNo;
  c.otherCategory = (await fileAs(stack, complaintBody({ title: '路口噪音', content: '夜里施工噪音很大。', ...place('qingshan'), contact: { name: '赵六', phone: '13600000003' } }))).caseNo;
  c.otherCounty = (await fileAs(stack, complaintBody({ ...LAMP, ...place('hexi'), categoryId: 'daolu-jiaotong', contact: { name: '张三', phone: '13911112222' } }))).caseNo;
  c.closed = (await fileAs(stack, complaintBody({ ...LAMP, ...place('qingshan'), categoryId: 'daolu-jiaotong', contact: { name: '张三', phone: '13911112222' } }))).caseNo;
  c.merged = (await fileAs(stack, complaintBody({ ...LAMP, ...place('qingshan'), categoryId: 'daolu-jiaotong', contact: { name: '张三', phone: '13911112222' } }))).caseNo;
  c.unrelated = (await fileAs(stack, complaintBody({ ...UNRELATED, ...place('qs-shuangmiao'), contact: { name: '钱七', phone: '13600000004' } }))).caseNo;
  session.advance(60 * 60 * 1000);
  // The new call: the same lamp, the same caller.
  c.current = (await fileAs(stack, complaintBody({ ...LAMP, ...place('qingshan'), categoryId: 'daolu-jiaotong', contact: { name: '张三', phone: '13911112222' } }))).caseNo;
  const qs = await session.token('qs-shouli');
  const rejected = await act(stack, qs, c.closed, { action: 'reject', expectedVersion: 1, reason: '重复提交，已另案处理' });
  expect(rejected.status, show(rejected)).toBe(200);
  const merged = await act(stack, qs, c.merged, { action: 'merge', expectedVersion: 1, intoCaseNo: c.samePlace });
  expect(merged.status, show(merged)).toBe(200);
  await stack.settle();
});

describe('duplicate candidates of a case at intake', () => {
  it('the threshold separates a paraphrase from an unrelated case of the county', () => {
    expect(jaccard(indexedTerms({ ...LAMP }), indexedTerms(LAMP_AGAIN))).toBeGreaterThanOrEqual(SIMILAR_TEXT_THRESHOLD);
    expect(jaccard(indexedTerms(LAMP), indexedTerms(UNRELATED))).toBeLessThan(0.15);
  });

  it('finds each rule, with the rules that matched and the similarity', async () => {
    const found = await candidates('qs-shouli', c.current!);
    expect(found[c.samePhone!]?.rules).toEqual(['samePhone']);
    expect(found[c.samePlace!]?.rules).toEqual(['samePlaceCategory']);
    expect(found[c.similar!]?.rules).toEqual(['similarText']);
    expect(found[c.similar!]!.similarity).toBeGreaterThanOrEqual(SIMILAR_TEXT_THRESHOLD);
    expect(found[c.samePhone!]!.similarity).toBeLessThan(SIMILAR_TEXT_THRESHOLD);
    // Rows are the queue rows (masked titles, labels) plus the rules.
    expect(found[c.similar!]).toMatchObject({ statusLabel: expect.any(String), typeLabel: expect.any(String), createdAt: expect.stringContaining('+08:00') });
  });

  it('leaves out the case itself, older than 30 days, closed/rejected, merged, another county, another category, unrelated', async () => {
    const found = await candidates('qs-shouli', c.current!);
    for (const no of [c.current, c.old, c.closed, c.merged, c.otherCounty, c.otherCategory, c.unrelated]) expect(Object.keys(found), String(no)).not.toContain(no);
    expect(Object.keys(found).sort()).toEqual([c.samePhone, c.samePlace, c.similar].sort());
  });

  it('the city sees the other county too (in its scope), a township only its own', async () => {
    const city = await candidates('shouli', c.current!);
    // Found by its phone; once read, its text is compared too.
    expect(city[c.otherCounty!]?.rules).toEqual(['samePhone', 'similarText']);
    // The strongest first: two rules before one.
    const res = await duplicates('shouli', c.current!);
    expect(res.body.items[0].caseNo).toBe(c.otherCounty);
    expect(Object.keys(city).sort()).toEqual([c.samePhone, c.samePlace, c.similar, c.otherCounty].sort());
    const township = await duplicates('cn-shouli', c.current!);
    expectApiError(township, 404, 'CASE_NOT_FOUND');
    expectApiError(await duplicates('hexi-shouli', c.current!), 404, 'CASE_NOT_FOUND');
  });

  it('handlers and admins cannot ask; merging the current case into a candidate runs the existing merge', async () => {
    expectApiError(await duplicates('qs-rsj', c.current!), 403, 'FORBIDDEN');
    expectApiError(await duplicates('admin', c.current!), 403, 'FORBIDDEN');
    const res = await act(stack, await session.token('qs-shouli'), c.current!, { action: 'merge', expectedVersion: 1, intoCaseNo: c.similar });
    expect(res.status, show(res)).toBe(200);
    await stack.settle();
    expect(Object.keys(await candidates('qs-shouli', c.similar!))).not.toContain(c.current);
  });
});
