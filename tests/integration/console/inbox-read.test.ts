/**
 * The 消息 unread count: GET /api/console/inbox marks each message read or not for the official
 * asking, and counts the unread; POST /api/console/inbox/read moves that official's own mark
 * forward (never back, never past now). Two officials reading the same role's inbox keep their own marks.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { seedDemoOfficials } from '../../../infra/src/demo-data';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { deliverNotifications } from '../../../functions/src/services/notifications/notifier';
import { createDocumentClient } from '../../../functions/src/adapters/dynamo/client';
import { key } from '../../../functions/src/adapters/dynamo/keys';
import { createTestStack, type TestStack } from '../../support/stack';
import { act, complaintBody, fileAs, show } from '../../support/console';
import { after, HOUR, Session, T0 } from './console-kit';

let stack: TestStack;
let session: Session;

type Inbox = { items: { id: string; at: string; caseNo: string; read: boolean }[]; unread: number };

async function inbox(username: string): Promise<Inbox> {
  const res = await stack.request('GET', '/api/console/inbox', { token: await session.token(username) });
  expect(res.status, show(res)).toBe(200);
  return res.body as Inbox;
}

async function markRead(username: string, upTo: string) {
  return stack.request('POST', '/api/console/inbox/read', { token: await session.token(username), body: { upTo } });
}

/** File a case and dispatch it to 人社局 at `at`: a "new dispatch" message in 人社局's inbox. */
async function dispatchAt(at: Date): Promise<string> {
  session.setNow(at);
  const filed = await fileAs(stack, complaintBody({ title: `欠薪 ${at.toISOString()}` }));
  const res = await act(stack, await session.token('shouli'), filed.caseNo, { action: 'accept', expectedVersion: 1, departmentId: 'rsj' });
  expect(res.status, show(res)).toBe(200);
  await deliverNotifications(stack.deps);
  return filed.caseNo;
}

beforeAll(async () => {
  stack = await createTestStack();
  session = await Session.start(stack, T0);
  // A second handler of 人社局: the department's messages are shared, what each has read is not.
  await stack.deps.officials.createOfficial({ ...(await stack.deps.officials.getOfficial('rsj'))!, username: 'rsj2', displayName: '人社局第二承办人' });
}, 120_000);

describe('the inbox unread count', () => {
  it('counts new messages as unread, and reading moves only the reader’s own count down', async () => {
    const first = await dispatchAt(after(T0, HOUR));
    const second = await dispatchAt(after(T0, 2 * HOUR));
    const third = await dispatchAt(after(T0, 3 * HOUR));
    const before = await inbox('rsj');
    expect(before.items.map((i) => i.caseNo).slice(0, 3)).toEqual([third, second, first]);
    expect(before.unread).toBe(3);
    expect(before.items.every((i) => !i.read)).toBe(true);

    // Read up to the second message: one left unread (the newest).
    session.setNow(after(T0, 4 * HOUR));
    const res = await markRead('rsj', before.items[1]!.at);
    expect(res.status, show(res)).toBe(200);
    expect(res.body.unread).toBe(1);
    const after1 = await inbox('rsj');
    expect(after1.unread).toBe(1);
    expect(after1.items.map((i) => [i.caseNo, i.read])).toEqual([
      [third, false],
      [second, true],
      [first, true],
    ]);
    // The other handler of the same department has read nothing.
    expect((await inbox('rsj2')).unread).toBe(3);

    // Everything read; an older mark afterwards changes nothing.
    expect((await markRead('rsj', before.items[0]!.at)).body.unread).toBe(0);
    expect((await markRead('rsj', before.items[2]!.at)).body.unread).toBe(0);
    expect((await inbox('rsj')).unread).toBe(0);

    // A new message arrives: unread again.
    const fourth = await dispatchAt(after(T0, 5 * HOUR));
    const later = await inbox('rsj');
    expect(later.unread).toBe(1);
    expect(later.items[0]).toMatchObject({ caseNo: fourth, read: false });
  });

  it('a mark in the future is held at now: later messages still arrive unread', async () => {
    session.setNow(after(T0, 7 * HOUR));
    expect((await markRead('rsj2', '2099-01-01T00:00:00+08:00')).body.unread).toBe(0);
    const caseNo = await dispatchAt(after(T0, 8 * HOUR));
    const seen = await inbox('rsj2');
    expect(seen.unread).toBe(1);
    expect(seen.items[0]).toMatchObject({ caseNo, read: false });
  });

  it('refuses a mark that is not a time, in Chinese', async () => {
    for (const upTo of ['yesterday', '2030-04-01', '2030-13-45T99:00:00+08:00', '']) {
      const res = await markRead('rsj', upTo);
      expect(res.status, `${upTo}: ${show(res)}`).toBe(400);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const missing = await stack.request('POST', '/api/console/inbox/read', { token: await session.token('rsj'), body: {} });
    expect(missing.status, show(missing)).toBe(400);
    expect((await stack.request('POST', '/api/console/inbox/read', { body: { upTo: '2030-04-01T09:00:00+08:00' } })).status).toBe(401);
  });
});

describe('inbox messages expire after half a year (TTL)', () => {
  const DAY = 24 * HOUR;

  it('a new message carries a ttl 180 days after it was sent, in the future', async () => {
    const sentAt = after(T0, 10 * HOUR);
    await dispatchAt(sentAt);
    const [message] = (await inbox('rsj')).items;
    const client = createDocumentClient({ region: 'local', endpoint: inject('dynamoEndpoint') });
    const { Item } = await client.send(new GetCommand({ TableName: stack.tableName, Key: key.inbox('DEPT#rsj', new Date(message!.at).toISOString(), message!.id) }));
    expect(Item, 'the stored message').toBeDefined();
    // The table's TTL attribute, in epoch seconds.
    expect(Item!.ttl).toBe(Math.floor(sentAt.getTime() / 1000) + 180 * 24 * 3600);
    // In the future of the stack's clock (the moment it was delivered), by half a year.
    expect(Item!.ttl * 1000 - stack.deps.now().getTime()).toBeGreaterThan(179 * DAY);
  });

  it('a message past its half year is neither listed nor counted, even before DynamoDB deletes it; the read mark still holds', async () => {
    // 人社局's messages: from T0+1h to T0+10h. Mark everything up to T0+9h read, then a new one.
    session.setNow(after(T0, 11 * HOUR));
    const all = await inbox('rsj');
    const newestOld = all.items[0]!;
    expect((await markRead('rsj', all.items[1]!.at)).body.unread).toBe(1);
    const fresh = await dispatchAt(after(T0, 179 * DAY));
    // 180 days and 5 hours after T0: the messages sent up to T0+5h have expired, the later ones not.
    session.setNow(after(T0, 180 * DAY + 5 * HOUR + 30 * 60 * 1000));
    const later = await inbox('rsj');
    expect(later.items.every((i) => Date.parse(i.at) > after(T0, 5 * HOUR).getTime())).toBe(true);
    expect(later.items.map((i) => i.caseNo)).toContain(newestOld.caseNo);
    expect(later.items[0]).toMatchObject({ caseNo: fresh, read: false });
    // Unread: the newest old one (never read) and the fresh one; the expired read ones counted nothing.
    expect(later.unread).toBe(2);
    expect(later.items.filter((i) => i.read).length).toBe(later.items.length - 2);
  });
});
