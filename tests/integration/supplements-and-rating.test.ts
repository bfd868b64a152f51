import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestStack, type TestStack } from '../support/stack';
import { accept, addDaysMs, addMinutes, expectError, expectFieldError, fileAndLogin, login, reply, requestInfo, show, track } from './helpers';

let stack: TestStack;
beforeAll(async () => {
  stack = await createTestStack();
});

const FILED_AT = new Date('2026-03-10T10:00:00+08:00');
beforeEach(() => stack.setNow(FILED_AT));

const supplement = (token: string, body: unknown) => stack.request('POST', '/api/track/case/supplements', { token, body });
const rate = (token: string, body: unknown) => stack.request('POST', '/api/track/case/rating', { token, body });

const QUESTION = '请补充工地名称和欠薪的起止月份';
const ANSWER = '经核查，施工单位已于 3 月 20 日前足额支付拖欠的工资，请注意查收。';

/** A filed complaint, accepted by intake for 人社局, with a token for its citizen. */
async function acceptedCase() {
  const filed = await fileAndLogin(stack);
  await accept(stack, filed.caseNo);
  return filed;
}

async function repliedCase() {
  const filed = await acceptedCase();
  await reply(stack, filed.caseNo, ANSWER);
  return filed;
}

describe('POST /api/track/case/supplements', () => {
  it('answers 401 without a token', async () => {
    const res = await stack.request('POST', '/api/track/case/supplements', { body: { content: '补充' } });
    expectError(res, 401, 'UNAUTHENTICATED');
  });

  it('answers 409 INVALID_TRANSITION when nobody asked for more information', async () => {
    const filed = await fileAndLogin(stack);
    expectError(await supplement(filed.token, { content: '主动补充' }), 409, 'INVALID_TRANSITION');
    await accept(stack, filed.caseNo);
    expectError(await supplement(filed.token, { content: '主动补充' }), 409, 'INVALID_TRANSITION');
    expect((await track(stack, filed.token)).supplements).toEqual([]);
  });

  it('shows the question and offers to supplement once a handler asks', async () => {
    const filed = await acceptedCase();
    await requestInfo(stack, filed.caseNo, QUESTION);
    const view = await track(stack, filed.token);
    expect(view).toMatchObject({
      status: 'awaiting_citizen',
      statusLabel: '待补充材料',
      canSupplement: true,
      canRate: false,
      pendingQuestion: QUESTION,
    });
    expect(view.sla.paused).toBe(true);
    expect(view.timeline.at(-1)).toMatchObject({ kind: 'info_requested', text: expect.stringContaining(QUESTION) });
  });

  it('takes the supplement (201), resumes handling and lists it', async () => {
    const filed = await acceptedCase();
    await requestInfo(stack, filed.caseNo, QUESTION);
    const content = '工地：县城南安置小区 3 号楼\n欠薪：2025 年 8 月至 10 月 👷 𠀀';
    const res = await supplement(filed.token, { content });
    expect(res.status, show(res)).toBe(201);
    expect(res.body).toMatchObject({ caseNo: filed.caseNo, status: 'in_progress', statusLabel: '办理中', canSupplement: false });
    expect(res.body.pendingQuestion).toBeUndefined();
    expect(res.body.supplements).toEqual([{ content, at: '2026-03-10T10:00:00+08:00' }]);
    expect(res.body.timeline.at(-1)).toMatchObject({ kind: 'supplemented' });

    const view = await track(stack, filed.token);
    expect(view.supplements).toEqual(res.body.supplements);
    expect(view.status).toBe('in_progress');
  });

  it('gives back the days spent waiting for the citizen: the due date moves later', async () => {
    const filed = await acceptedCase();
    const before = (await track(stack, filed.token)).dueAt;
    expect(before).toBe('2026-03-25T23:59:59+08:00');

    stack.setNow(addMinutes(FILED_AT, 60));
    await requestInfo(stack, filed.caseNo, QUESTION);
    // The citizen answers 2 days 23 hours later: three started days are given back.
    const answeredAt = addDaysMs(FILED_AT, 3);
    stack.setNow(answeredAt);
    const token = await login(stack, filed.caseNo, filed.password);
    const res = await supplement(token, { content: '补充材料' });
    expect(res.status, show(res)).toBe(201);
    expect(res.body.dueAt).toBe('2026-03-28T23:59:59+08:00');
    expect(Date.parse(res.body.dueAt)).toBeGreaterThan(Date.parse(before));
    expect(res.body.sla.paused).toBe(false);
  });

  it('answers 409 to a second supplement once handling has resumed', async () => {
    const filed = await acceptedCase();
    await requestInfo(stack, filed.caseNo, QUESTION);
    expect((await supplement(filed.token, { content: '第一次补充' })).status).toBe(201);
    expectError(await supplement(filed.token, { content: '第二次补充' }), 409, 'INVALID_TRANSITION');
    expect((await track(stack, filed.token)).supplements).toHaveLength(1);
  });

  it.each([
    ['empty content', { content: '' }, 'content'],
    ['whitespace content', { content: ' \n\t ' }, 'content'],
    ['content of 4001 characters', { content: '补'.repeat(4001) }, 'content'],
    ['a missing content field', {}, 'content'],
    ['an unknown field', { content: '补充', photos: [] }, 'photos'],
    ['an attachment that is not an upload of this case', { content: '补充', attachments: [{ uploadId: '01JAAAAAAAAAAAAAAAAAAAAAAA' }] }, 'attachments.0'],
  ])('refuses %s (400) and keeps waiting for the citizen', async (_, body, field) => {
    const filed = await acceptedCase();
    await requestInfo(stack, filed.caseNo, QUESTION);
    expectFieldError(await supplement(filed.token, body), field);
    const view = await track(stack, filed.token);
    expect(view).toMatchObject({ status: 'awaiting_citizen', canSupplement: true, supplements: [] });
  });
});

describe('POST /api/track/case/rating', () => {
  it('answers 401 without a token', async () => {
    expectError(await stack.request('POST', '/api/track/case/rating', { body: { rating: 'satisfied' } }), 401, 'UNAUTHENTICATED');
  });

  it('answers 409 before the case is replied', async () => {
    const filed = await fileAndLogin(stack);
    expectError(await rate(filed.token, { rating: 'satisfied' }), 409, 'INVALID_TRANSITION');
    await accept(stack, filed.caseNo);
    expectError(await rate(filed.token, { rating: 'satisfied' }), 409, 'INVALID_TRANSITION');
    await requestInfo(stack, filed.caseNo, QUESTION);
    expectError(await rate(filed.token, { rating: 'satisfied' }), 409, 'INVALID_TRANSITION');
    expect((await stack.deps.cases.getCase(filed.caseNo))!.ratings).toEqual([]);
  });

  it('shows the answer with the department\'s name and offers to rate it', async () => {
    const filed = await repliedCase();
    const view = await track(stack, filed.token);
    expect(view).toMatchObject({
      status: 'replied',
      statusLabel: '已答复',
      canRate: true,
      canSupplement: false,
      answer: { text: ANSWER, at: '2026-03-10T10:00:00+08:00', departmentName: '人力资源和社会保障局' },
    });
    expect(view.timeline.at(-1)).toMatchObject({ kind: 'replied', text: expect.stringContaining('人力资源和社会保障局') });
  });

  it('takes a satisfied rating (201) and closes the case', async () => {
    const filed = await repliedCase();
    const res = await rate(filed.token, { rating: 'satisfied', comment: '处理及时，谢谢！👍' });
    expect(res.status, show(res)).toBe(201);
    expect(res.body).toMatchObject({
      status: 'closed',
      statusLabel: '已办结',
      canRate: false,
      rating: { rating: 'satisfied', comment: '处理及时，谢谢！👍', at: '2026-03-10T10:00:00+08:00' },
    });
    expect(res.body.timeline.at(-1)).toMatchObject({ kind: 'rated', text: expect.stringContaining('满意') });
    expect((await track(stack, filed.token)).rating.rating).toBe('satisfied');
  });

  it('takes basically_satisfied with an empty comment as no comment', async () => {
    const filed = await repliedCase();
    const res = await rate(filed.token, { rating: 'basically_satisfied', comment: '' });
    expect(res.status, show(res)).toBe(201);
    expect(res.body.status).toBe('closed');
    expect(res.body.rating).toEqual({ rating: 'basically_satisfied', at: expect.any(String) });
  });

  it('refuses a second rating with 409 ALREADY_RATED and keeps the first', async () => {
    const filed = await repliedCase();
    expect((await rate(filed.token, { rating: 'satisfied' })).status).toBe(201);
    const again = await rate(filed.token, { rating: 'unsatisfied', comment: '改主意了' });
    expectError(again, 409, 'ALREADY_RATED');

    const stored = await stack.deps.cases.getCase(filed.caseNo);
    expect(stored!.ratings).toHaveLength(1);
    expect(stored!.ratings[0]).toMatchObject({ rating: 'satisfied' });
    expect(stored!.status).toBe('closed');
    expect((await track(stack, filed.token)).rating).toMatchObject({ rating: 'satisfied' });
  });

  it('accepts exactly one of two ratings sent at once', async () => {
    const filed = await repliedCase();
    const [a, b] = await Promise.all([rate(filed.token, { rating: 'satisfied' }), rate(filed.token, { rating: 'basically_satisfied' })]);
    expect([a!.status, b!.status].sort(), `${show(a!)} / ${show(b!)}`).toEqual([201, 409]);
    const loser = a!.status === 409 ? a! : b!;
    expectError(loser, 409, 'ALREADY_RATED');

    const rated = (await stack.deps.cases.listEvents(filed.caseNo)).filter((e) => e.kind === 'rated');
    expect(rated).toHaveLength(1);
    expect((await stack.deps.cases.getCase(filed.caseNo))!.ratings).toHaveLength(1);
  });

  it('reopens the case for another round when the first answer is rated unsatisfied', async () => {
    const filed = await repliedCase();
    stack.setNow(addDaysMs(FILED_AT, 2));
    const token = await login(stack, filed.caseNo, filed.password);
    const res = await rate(token, { rating: 'unsatisfied', comment: '工资还没有到账' });
    expect(res.status, show(res)).toBe(201);
    expect(res.body).toMatchObject({
      status: 'in_progress',
      statusLabel: '办理中',
      canRate: false,
      rating: { rating: 'unsatisfied', comment: '工资还没有到账' },
    });
    // A fresh 15-day clock from the day of the rating.
    expect(res.body.dueAt).toBe('2026-03-27T23:59:59+08:00');
    expect(res.body.timeline.at(-1)).toMatchObject({ kind: 'rated', text: expect.stringContaining('不满意') });

    await reply(stack, filed.caseNo, '已责令施工单位三日内补发工资。');
    const second = await track(stack, token);
    expect(second).toMatchObject({ status: 'replied', canRate: true, answer: { text: '已责令施工单位三日内补发工资。' } });
    const final = await rate(token, { rating: 'satisfied' });
    expect(final.status, show(final)).toBe(201);
    expect(final.body.status).toBe('closed');
    expect((await stack.deps.cases.getCase(filed.caseNo))!.ratings.map((r) => r.rating)).toEqual(['unsatisfied', 'satisfied']);
  });

  it('refuses to rate the same answer again after an unsatisfied rating reopened the case (409 ALREADY_RATED)', async () => {
    const filed = await repliedCase();
    expect((await rate(filed.token, { rating: 'unsatisfied' })).status).toBe(201);
    const again = await rate(filed.token, { rating: 'satisfied' });
    expectError(again, 409, 'ALREADY_RATED');
    expect((await stack.deps.cases.getCase(filed.caseNo))!.ratings).toHaveLength(1);
  });

  it.each([
    ['an unknown rating value', { rating: 'great' }, 'rating'],
    ['a rating in Chinese words', { rating: '满意' }, 'rating'],
    ['a missing rating', { comment: '不错' }, 'rating'],
    ['a comment of 501 characters', { rating: 'satisfied', comment: '好'.repeat(501) }, 'comment'],
    ['an unknown field', { rating: 'satisfied', score: 5 }, 'score'],
  ])('refuses %s (400) and leaves the case to be rated', async (_, body, field) => {
    const filed = await repliedCase();
    expectFieldError(await rate(filed.token, body), field);
    const view = await track(stack, filed.token);
    expect(view).toMatchObject({ status: 'replied', canRate: true });
    expect(view.rating).toBeUndefined();
  });
});
