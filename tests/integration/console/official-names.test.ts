/**
 * Officials appear by their display names in the console: the case's timeline and audit trail carry
 * each official actor's name (resolved from their account; the login name stays in actorId), the
 * case its owner's and answerer's names. Citizens and the system have no name; nothing else of an
 * official's account is shown.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStack, type TestStack } from '../../support/stack';
import { act, complaintBody, fileAs, show } from '../../support/console';
import { after, HOUR, Session, T0 } from './console-kit';

let stack: TestStack;
let session: Session;
let caseNo: string;

beforeAll(async () => {
  stack = await createTestStack();
  session = await Session.start(stack, T0);
  caseNo = (await fileAs(stack, complaintBody())).caseNo;
  session.setNow(after(T0, HOUR));
  const accepted = await act(stack, await session.token('shouli'), caseNo, { action: 'accept', expectedVersion: 1, departmentId: 'rsj' });
  expect(accepted.status, show(accepted)).toBe(200);
  const urged = await act(stack, await session.token('duban'), caseNo, { action: 'urge', expectedVersion: accepted.body.version, note: '请尽快处理' });
  expect(urged.status, show(urged)).toBe(200);
  const replied = await act(stack, await session.token('rsj'), caseNo, { action: 'reply', result: 'resolved', expectedVersion: urged.body.version, answer: '已责令用人单位支付。' });
  expect(replied.status, show(replied)).toBe(200);
}, 120_000);

type Event = { kind: string; actorRole: string; actorId: string; actorName?: string };

describe('officials by display name', () => {
  it('the case: timeline actors, owner and answerer by name, login names kept alongside', async () => {
    const res = await stack.request('GET', `/api/console/cases/${caseNo}`, { token: await session.token('rsj') });
    expect(res.status, show(res)).toBe(200);
    const byKind = Object.fromEntries((res.body.timeline as Event[]).map((e) => [e.kind, e]));
    expect(byKind.accepted).toMatchObject({ actorId: 'shouli', actorName: '张敏（市受理员）' });
    expect(byKind.urged).toMatchObject({ actorId: 'duban', actorName: '赵强（市督办）' });
    expect(byKind.replied).toMatchObject({ actorId: 'rsj', actorName: '人力资源和社会保障局承办人' });
    // The citizen's own step has no official's name.
    expect(byKind.submitted!.actorName).toBeUndefined();
    expect(res.body).toMatchObject({ ownerId: 'shouli', ownerName: '张敏（市受理员）' });
    expect(res.body.answer).toMatchObject({ officialId: 'rsj', officialName: '人力资源和社会保障局承办人' });
    // Names only: nothing else from the accounts.
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|tokenVersion/);
  });

  it('the audit trail names the same officials', async () => {
    const res = await stack.request('GET', `/api/console/audit?caseNo=${caseNo}`, { token: await session.token('duban') });
    expect(res.status, show(res)).toBe(200);
    const named = (res.body.items as Event[]).filter((e) => e.actorRole !== 'citizen' && e.actorRole !== 'system');
    expect(named.length).toBeGreaterThanOrEqual(3);
    for (const e of named) expect(e.actorName, `${e.kind} by ${e.actorId}`).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('an account that no longer has a name shows its login name (no name invented)', async () => {
    const account = (await stack.deps.officials.getOfficial('duban'))!;
    await stack.deps.officials.putOfficial({ ...account, displayName: '' });
    const res = await stack.request('GET', `/api/console/cases/${caseNo}`, { token: await session.token('shouli') });
    const urged = (res.body.timeline as Event[]).find((e) => e.kind === 'urged')!;
    expect(urged.actorId).toBe('duban');
    expect(urged.actorName).toBeUndefined();
    await stack.deps.officials.putOfficial(account);
  });
});
