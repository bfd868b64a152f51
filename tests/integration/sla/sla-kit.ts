/**
 * Helpers for the SLA integration tests (not a test file itself): a fixed filing moment, days
 * after it, filing consultations through the citizen route, officials' and citizens' actions
 * through the transactional service, and counting the timers' audit events per case.
 */
import { expect } from 'vitest';
import type { Actor, CaseCommand } from '@minsheng/shared';
import { changeCase } from '../../../functions/src/services/cases/change-case';
import { sweepSla, type SweepResult } from '../../../functions/src/services/sla/sweep';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { RetimeJob } from '../../../functions/src/ports/sla-settings';
import type { Deps } from '../../../functions/src/services/deps';
import type { TestStack } from '../../support/stack';
import { consoleLogin } from '../../support/console';
import { seedDemoOfficials } from '../../../infra/src/demo-data';
import { consultation, fileCase } from '../helpers';

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

/**
 * Monday 2026-03-02, 09:00 in Beijing. A consultation filed now (natural days, the default policy)
 * warns at 2026-03-07 00:00 (start of day 5), is due 2026-03-09 23:59:59 (end of day 7) and is
 * severely overdue after 2026-03-16 23:59:59 (end of day 14).
 */
export const T0 = new Date('2026-03-02T09:00:00+08:00');
export const day = (n: number, from: Date = T0) => new Date(from.getTime() + n * DAY);

export const INTAKE: Actor = { role: 'intake', id: 'shouli' };
export const HANDLER: Actor = { role: 'handler', id: 'rsj', departmentId: 'rsj' };
export const SUPERVISOR: Actor = { role: 'supervisor', id: 'duban' };
export const citizenOf = (caseNo: string): Actor => ({ role: 'citizen', id: `case:${caseNo}` });

/** File `n` consultations at `at` through POST /api/cases (in parallel); their case numbers and passwords. */
export async function fileConsultations(stack: TestStack, n: number, at: Date = T0, title = '欠薪可以向哪里申请仲裁？') {
  stack.setNow(at);
  return Promise.all(Array.from({ length: n }, (_, i) => fileCase(stack, consultation({ title: `${title}（${i + 1}）` }))));
}

/** An action through the same transactional path the console and citizen routes use, at `at`. */
export async function actAt(stack: TestStack, at: Date, caseNo: string, command: CaseCommand, actor: Actor) {
  stack.setNow(at);
  return changeCase(stack.deps, caseNo, command, actor, { ip: '198.51.100.1', userAgent: 'sla-test' });
}

export const acceptAt = (stack: TestStack, at: Date, caseNo: string) => actAt(stack, at, caseNo, { action: 'accept', departmentId: 'rsj' }, INTAKE);

/** Sweep as of `now` (the stack's clock is moved there too, as the scheduler would see it). */
export async function sweepAt(stack: TestStack, now: Date, options: Parameters<typeof sweepSla>[2] = {}, deps: Deps = stack.deps): Promise<SweepResult> {
  stack.setNow(now);
  return sweepSla(deps, now, options);
}

export type StepCounts = { warning: number; overdue: number; severe: number };

/** How many sla_warning / sla_overdue / sla_severe events a case has, from its audit trail. */
export async function slaEvents(stack: TestStack, caseNo: string): Promise<StepCounts & { order: string[] }> {
  const events = await stack.deps.cases.listEvents(caseNo);
  const sla = events.filter((e) => e.kind.startsWith('sla_'));
  return {
    warning: sla.filter((e) => e.kind === 'sla_warning').length,
    overdue: sla.filter((e) => e.kind === 'sla_overdue').length,
    severe: sla.filter((e) => e.kind === 'sla_severe').length,
    order: sla.map((e) => e.kind),
  };
}

/** Every case has exactly the expected timer events (and no others). */
export async function expectSteps(stack: TestStack, caseNos: string[], expected: StepCounts): Promise<void> {
  const order = (['warning', 'overdue', 'severe'] as const).flatMap((l) => Array.from({ length: expected[l] }, () => `sla_${l}`));
  for (const caseNo of caseNos) {
    const got = await slaEvents(stack, caseNo);
    expect({ warning: got.warning, overdue: got.overdue, severe: got.severe }, `timer events of ${caseNo}`).toEqual(expected);
    expect(got.order, `order of timer events of ${caseNo}`).toEqual(order);
  }
}

export const totalSteps = (r: SweepResult) => r.steps.warning + r.steps.overdue + r.steps.severe;

/** Sum of several sweeps' step counts. */
export function sumSteps(results: SweepResult[]): StepCounts {
  return results.reduce((a, r) => ({ warning: a.warning + r.steps.warning, overdue: a.overdue + r.steps.overdue, severe: a.severe + r.steps.severe }), { warning: 0, overdue: 0, severe: 0 });
}

/** Wait until `probe` gives the same answer twice `ms` apart (writes still in flight have landed). */
export async function settled<T>(probe: () => Promise<T>, ms = 150): Promise<T> {
  let last = JSON.stringify(await probe());
  for (let i = 0; i < 40; i++) {
    await new Promise((r) => setTimeout(r, ms));
    const next = await probe();
    if (JSON.stringify(next) === last) return next;
    last = JSON.stringify(next);
  }
  throw new Error('never settled');
}

/**
 * Console tokens for the demo officials at the stack's current time: a token lives 60 minutes,
 * and these tests move the clock by days, so each official logs in again when the clock moved.
 */
export class Officials {
  private readonly tokens = new Map<string, { token: string; at: number }>();
  private now: Date = T0;

  private constructor(private readonly stack: TestStack) {}

  static async seed(stack: TestStack): Promise<Officials> {
    await seedDemoOfficials(stack.deps);
    return new Officials(stack);
  }

  /** Move the stack's clock (and so the officials' sense of now). */
  at(now: Date): this {
    this.now = now;
    this.stack.setNow(now);
    return this;
  }

  async token(username: 'shouli' | 'duban' | 'admin' | 'rsj' | 'zjj'): Promise<string> {
    const hit = this.tokens.get(username);
    const t = this.now.getTime();
    if (hit && t >= hit.at && t - hit.at < 50 * 60 * 1000) return hit.token;
    this.stack.setNow(this.now);
    const token = await consoleLogin(this.stack, username);
    this.tokens.set(username, { token, at: t });
    return token;
  }

  async get(username: Parameters<Officials['token']>[0], path: string) {
    const res = await this.stack.request('GET', path, { token: await this.token(username) });
    expect(res.status, `${username} GET ${path}: ${res.status} ${JSON.stringify(res.body)}`).toBe(200);
    return res.body;
  }

  /** A console action through POST /api/console/cases/{caseNo}/actions, on the version stored now. */
  async act(username: Parameters<Officials['token']>[0], caseNo: string, command: Record<string, unknown>) {
    const version = (await this.stack.deps.cases.getCase(caseNo))!.version;
    const res = await this.stack.request('POST', `/api/console/cases/${caseNo}/actions`, { token: await this.token(username), body: { ...command, expectedVersion: version } });
    expect(res.status, `${username} ${String(command.action)} ${caseNo}: ${res.status} ${JSON.stringify(res.body)}`).toBe(200);
    return res.body;
  }

  /** The inbox items an official sees (GET /api/console/inbox). */
  async inbox(username: Parameters<Officials['token']>[0]): Promise<{ id: string; at: string; kind: string; caseNo: string; title: string; body: string }[]> {
    return (await this.get(username, '/api/console/inbox')).items;
  }

  /** Case numbers on a console queue (GET /api/console/cases?queue=…). */
  async queue(username: Parameters<Officials['token']>[0], query: string): Promise<{ caseNo: string; slaLevel: string; daysLeft: number }[]> {
    return (await this.get(username, `/api/console/cases?${query}&limit=100`)).items;
  }
}


/** The stream record a re-timing job's INSERT produces (what `retimeOpenCases` receives). */
export function retimeInsertEvent(job: RetimeJob, sequenceNumber = `${Date.now()}`): DynamoDBStreamEvent {
  const keys = { pk: 'RETIME#JOB', sk: job.id };
  return {
    Records: [
      {
        eventName: 'INSERT',
        eventSource: 'aws:dynamodb',
        dynamodb: { Keys: marshall(keys) as never, NewImage: marshall({ ...keys, ...job }, { removeUndefinedValues: true }) as never, SequenceNumber: sequenceNumber, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      },
    ],
  };
}

/**
 * Let the re-timing jobs the calendar changes queued run: the table's stream (DynamoDB Local's,
 * through the stack's local streams runner) hands each job's INSERT to `retimeOpenCases`, as Lambda
 * does after the admin's request. The jobs that were queued or running, as they ended, oldest first.
 */
export async function runRetimeJobs(stack: TestStack): Promise<RetimeJob[]> {
  const pending = (await stack.deps.slaSettings.listRetimeJobs(50)).filter((j) => j.status === 'queued' || j.status === 'running').reverse();
  await stack.settle();
  return Promise.all(pending.map(async (j) => (await stack.deps.slaSettings.getRetimeJob(j.id))!));
}
