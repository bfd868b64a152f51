/**
 * Issue 4's end-to-end check on the real local stack (`npm start`): file a consultation, move the
 * local clock 5 and then 8 days ahead, let the SLA sweep run (invoked through serverless-offline's
 * Lambda endpoint, as its schedule would), and see warning then overdue in the console queues,
 * the officials' inboxes, the citizen's view — and the subscribed citizen's WeChat messages.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OFFICIAL_PASSWORD } from '../../infra/src/demo-data';
import { call, ctrlC, npmStart, type RunningStack } from '../support/local-stack';

const DAY = 86_400_000;
const localDir = mkdtempSync(join(tmpdir(), 'minsheng-sla-'));
let stack: RunningStack;

beforeAll(async () => {
  stack = await npmStart(localDir, ['--fresh']);
}, 300_000);

afterAll(async () => {
  if (stack) await ctrlC(stack);
  rmSync(localDir, { recursive: true, force: true });
}, 60_000);

/** Move the stack's clock (what `npm run local:time` writes). */
function moveClock(offsetMs: number) {
  writeFileSync(join(localDir, 'clock-offset.tmp'), String(offsetMs));
  renameSync(join(localDir, 'clock-offset.tmp'), join(localDir, 'clock-offset'));
}

async function sweep() {
  const res = await fetch(`http://localhost:${stack.lambdaPort}/2015-03-31/functions/minsheng-local-slaSweep/invocations`, { method: 'POST', body: '{}' });
  expect(res.status).toBe(200);
  return (await res.json()) as { itemsRead: number; steps: Record<string, number>; delivery: { inbox: number; wechat: number } };
}

async function login(username: string) {
  const res = await call(`${stack.apiUrl}/api/console/login`, { body: { username, password: DEMO_OFFICIAL_PASSWORD } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.token as string;
}

describe('SLA timers on the local stack', () => {
  it('warns on day 5 and escalates on day 8, in queues, inboxes, the citizen view and WeChat', async () => {
    const api = stack.apiUrl;
    const filed = await call(`${api}/api/cases`, {
      body: { type: 'consultation', categoryId: 'shebao', title: '退休人员养老金调整何时到账', content: '今年的养老金调整什么时候发放到账？' },
    });
    expect(filed.status).toBe(201);
    const { caseNo, password } = filed.body;

    const citizen = (await call(`${api}/api/track/login`, { body: { caseNo, password } })).body.token as string;
    const subscribed = await call(`${api}/api/track/case/subscription`, { token: citizen, body: { code: 'wx-login-code-e2e', templateIds: ['local-progress-template'] } });
    expect(subscribed.status, JSON.stringify(subscribed.body)).toBe(200);

    const accepted = await call(`${api}/api/console/cases/${caseNo}/actions`, { token: await login('shouli'), body: { action: 'accept', expectedVersion: 2, departmentId: 'rsj' } });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);

    // Day 5: the warning.
    moveClock(5 * DAY);
    const first = await sweep();
    expect(first.steps.warning).toBeGreaterThanOrEqual(1);
    // Five days on, yesterday's console tokens have expired: log in again.
    const handler = await login('rsj');
    const dueSoon = await call(`${api}/api/console/cases?queue=due_soon`, { token: handler });
    expect(dueSoon.body.items?.map((i: { caseNo: string }) => i.caseNo), JSON.stringify({ dueSoon: dueSoon.body, first })).toContain(caseNo);
    expect(dueSoon.body.items.find((i: { caseNo: string }) => i.caseNo === caseNo).slaLevel).toBe('warning');
    const handlerInbox = await call(`${api}/api/console/inbox`, { token: handler });
    expect(handlerInbox.body.items.some((m: { caseNo: string; title: string }) => m.caseNo === caseNo && m.title === '案件即将超期')).toBe(true);
    let view = await call(`${api}/api/track/case`, { token: (await call(`${api}/api/track/login`, { body: { caseNo, password } })).body.token });
    expect(view.body.sla?.level, JSON.stringify(view)).toBe('warning');
    expect(view.body.sla.daysLeft).toBe(2);

    // Day 8: overdue, escalated to supervisors, told to the subscribed citizen.
    moveClock(8 * DAY);
    const second = await sweep();
    expect(second.steps.overdue).toBeGreaterThanOrEqual(1);
    const supervisor = await login('duban');
    const escalated = await call(`${api}/api/console/cases?queue=escalated`, { token: supervisor });
    expect(escalated.body.items.map((i: { caseNo: string }) => i.caseNo)).toContain(caseNo);
    const overdue = await call(`${api}/api/console/cases?queue=overdue`, { token: supervisor });
    expect(overdue.body.items.map((i: { caseNo: string }) => i.caseNo)).toContain(caseNo);
    const supervisorInbox = await call(`${api}/api/console/inbox`, { token: supervisor });
    expect(supervisorInbox.body.items.some((m: { caseNo: string; title: string }) => m.caseNo === caseNo && m.title === '案件已超期')).toBe(true);
    view = await call(`${api}/api/track/case`, { token: (await call(`${api}/api/track/login`, { body: { caseNo, password } })).body.token });
    expect(view.body.sla.level).toBe('overdue');
    expect(view.body.sla.daysLeft).toBeLessThan(0);
    expect(view.body.timeline.map((e: { text: string }) => e.text)).toContain('已超过答复期限，已提请督办');

    const wechatUrl = /Fake WeChat API (http:\/\/127\.0\.0\.1:\d+)/.exec(stack.output())![1]!;
    const messages = await call(`${wechatUrl}/__fake/messages`);
    const forCase = messages.body.filter((m: { data: { character_string1: { value: string } } }) => m.data.character_string1.value === caseNo);
    expect(forCase).toHaveLength(1);
    expect(forCase[0].template_id).toBe('local-progress-template');

    // Sweeping again changes nothing: each step happens once.
    const third = await sweep();
    expect(third.steps).toEqual({ warning: 0, overdue: 0, severe: 0 });
  }, 180_000);
});
