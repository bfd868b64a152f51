/**
 * Shared helpers for the console integration tests (not a test file itself): a movable clock
 * that re-logs officials in when their tokens would have expired, citizen tracking through the
 * citizen routes, and snapshots of a case for "nothing changed" assertions.
 */
import { expect } from 'vitest';
import { seedDemoOfficials } from '../../../infra/src/demo-data';
import type { ApiResponse, TestStack } from '../../support/stack';
import { act, consoleLogin, show, uniqueIp, type Officials } from '../../support/console';

export const CHINESE = /[\u4e00-\u9fa5]/;
export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

/** 2030-04-01 is a Monday; 01:00Z is 09:00 in Shanghai. All console files start their clocks here. */
export const T0 = new Date('2030-04-01T01:00:00.000Z');
export const after = (base: Date, ms: number) => new Date(base.getTime() + ms);

export const USERNAMES = { intake: 'shouli', supervisor: 'duban', admin: 'admin', handler: 'rsj', otherHandler: 'zjj' } as const;

/**
 * The stack's clock plus the demo officials' tokens at that time. Moving the clock beyond a token's
 * life (60 minutes) logs the officials in again, once each, when next needed; moving it back reuses
 * the tokens issued then.
 */
export class Session {
  /** Tokens issued so far, per username, with the (stack) time they were issued at. */
  private readonly tokens = new Map<string, { token: string; at: number }[]>();
  private current: Date;

  constructor(
    readonly stack: TestStack,
    start: Date = T0,
  ) {
    this.current = start;
    stack.setNow(start);
  }

  static async start(stack: TestStack, start: Date = T0): Promise<Session> {
    const session = new Session(stack, start);
    await seedDemoOfficials(stack.deps);
    return session;
  }

  get now(): Date {
    return this.current;
  }

  setNow(date: Date): void {
    this.current = date;
    this.stack.setNow(date);
  }

  advance(ms: number): Date {
    this.setNow(after(this.current, ms));
    return this.current;
  }

  /** A token of `username` valid at the current time: one issued in the last 50 minutes, or a fresh login. */
  async token(username: string): Promise<string> {
    const issued = this.tokens.get(username) ?? [];
    const t = this.current.getTime();
    const usable = issued.find((i) => t >= i.at && t - i.at < 50 * 60 * 1000);
    if (usable) return usable.token;
    const token = await consoleLogin(this.stack, username);
    this.tokens.set(username, [...issued, { token, at: t }]);
    return token;
  }

  /** The five demo officials' tokens, valid now. */
  async officials(): Promise<Officials> {
    const [intake, supervisor, admin, handler, otherHandler] = await Promise.all(
      [USERNAMES.intake, USERNAMES.supervisor, USERNAMES.admin, USERNAMES.handler, USERNAMES.otherHandler].map((u) => this.token(u)),
    );
    return { intake: intake!, supervisor: supervisor!, admin: admin!, handler: handler!, otherHandler: otherHandler! };
  }
}

/** `{ error: { code, message } }` with a Chinese message, and the expected status. */
export function expectApiError(res: ApiResponse, status: number, code: string): void {
  expect(res.status, show(res)).toBe(status);
  expect(res.body, show(res)).toHaveProperty('error');
  expect(Object.keys(res.body), show(res)).toEqual(['error']);
  expect(res.body.error.code, show(res)).toBe(code);
  expect(typeof res.body.error.message, show(res)).toBe('string');
  expect(res.body.error.message, show(res)).toMatch(CHINESE);
}

export function expectOk(res: ApiResponse, status = 200): void {
  expect(res.status, show(res)).toBe(status);
}

/** Citizen login with the case's credentials, then the tracked case as the citizen sees it. */
export async function citizenToken(stack: TestStack, caseNo: string, password: string): Promise<string> {
  const res = await stack.request('POST', '/api/track/login', { body: { caseNo, password }, ip: uniqueIp() });
  expect(res.status, show(res)).toBe(200);
  return res.body.token as string;
}

export async function track(stack: TestStack, token: string) {
  const res = await stack.request('GET', '/api/track/case', { token });
  expect(res.status, show(res)).toBe(200);
  return res.body;
}

export async function rate(stack: TestStack, caseNo: string, password: string, rating: 'satisfied' | 'basically_satisfied' | 'unsatisfied') {
  const token = await citizenToken(stack, caseNo, password);
  const res = await stack.request('POST', '/api/track/case/rating', { token, body: { rating } });
  expect(res.status, show(res)).toBe(201);
  return res.body;
}

/** What a rejected request must leave untouched: the stored version and the number of audit events. */
export async function snapshot(stack: TestStack, caseNo: string): Promise<{ version: number | undefined; events: number; status: string | undefined }> {
  const [c, events] = await Promise.all([stack.deps.cases.getCase(caseNo), stack.deps.cases.listEvents(caseNo)]);
  return { version: c?.version, events: events.length, status: c?.status };
}

export const caseNos = (res: ApiResponse) => (res.body.items as { caseNo: string }[]).map((i) => i.caseNo);

/** Every item of a queue, following nextCursor; fails on a repeated case. */
export async function walkQueue(stack: TestStack, token: string, query: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 200; page++) {
    const res = await stack.request('GET', `/api/console/cases?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    expect(res.status, show(res)).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    seen.push(...caseNos(res));
    cursor = res.body.nextCursor;
    if (!cursor) break;
  }
  expect(cursor, 'paging did not end').toBeUndefined();
  expect(new Set(seen).size, `repeated items: ${seen.join(',')}`).toBe(seen.length);
  return seen;
}

/**
 * The officials' desk at the session's clock: a queue's case numbers, and an action taken at the
 * version stored now (expecting 200).
 */
export function desk(stack: TestStack, session: Session) {
  const queue = async (username: string, query: string) => {
    const res = await stack.request('GET', `/api/console/cases?${query}${query.includes('limit=') ? '' : '&limit=100'}`, { token: await session.token(username) });
    expect(res.status, show(res)).toBe(200);
    return res;
  };
  return {
    queue,
    inQueue: async (username: string, query: string) => caseNos(await queue(username, query)),
    async run(username: string, caseNo: string, command: Record<string, unknown>) {
      const version = (await stack.deps.cases.getCase(caseNo))!.version;
      const res = await act(stack, await session.token(username), caseNo, { ...command, expectedVersion: version });
      expect(res.status, `${username} ${String(command.action)}: ${show(res)}`).toBe(200);
      return res.body;
    },
  };
}
