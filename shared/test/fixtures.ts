/** Test fixtures shared by the domain tests (not a test file itself). */
import { expect } from 'vitest';
import {
  DEFAULT_SLA_POLICIES,
  DomainError,
  decide,
  startClock,
  type Actor,
  type CaseCommand,
  type CaseRecord,
  type CaseType,
  type Decision,
  type ErrorCode,
} from '../src';

/** An instant written with an explicit offset, e.g. `at('2026-03-10T10:00:00+08:00')`. */
export function at(iso: string): Date {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`bad test instant: ${iso}`);
  return d;
}

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

/** Filing instant used by most fixtures: 2026-03-10 10:00 in Beijing. */
export const FILED_AT = at('2026-03-10T10:00:00+08:00');

export const DEPT_A = 'dept-a';
export const DEPT_B = 'dept-b';

export const actors = {
  intake: { role: 'intake', id: 'intake-1' },
  intake2: { role: 'intake', id: 'intake-2' },
  handlerA: { role: 'handler', id: 'handler-a', departmentId: DEPT_A },
  handlerB: { role: 'handler', id: 'handler-b', departmentId: DEPT_B },
  supervisor: { role: 'supervisor', id: 'supervisor-1' },
  admin: { role: 'admin', id: 'admin-1' },
  citizen: { role: 'citizen', id: 'citizen' },
  system: { role: 'system', id: 'sla-sweep' },
} satisfies Record<string, Actor>;

/**
 * A freshly filed case (status `submitted`, version 1) with a clock from DEFAULT_SLA_POLICIES;
 * `overrides` are spread on top.
 */
export function makeCase(overrides: Partial<CaseRecord> = {}, opts: { type?: CaseType; filedAt?: Date } = {}): CaseRecord {
  const type = opts.type ?? overrides.type ?? 'complaint';
  const filedAt = opts.filedAt ?? FILED_AT;
  return {
    caseNo: '20260310123456',
    type,
    categoryId: 'cat-roads',
    title: '路灯不亮',
    content: '小区门口的路灯已经坏了两周。',
    status: 'submitted',
    version: 1,
    createdAt: filedAt.toISOString(),
    updatedAt: filedAt.toISOString(),
    anonymous: false,
    publishConsent: false,
    clock: startClock(DEFAULT_SLA_POLICIES[type], filedAt),
    slaReached: 'normal',
    supplements: [],
    round: 1,
    ratings: [],
    ...overrides,
  };
}

/** Runs `decide` and returns the decision (shorthand for chains of steps). */
export function step(c: CaseRecord, command: CaseCommand, actor: Actor, now: Date): Decision {
  return decide(c, command, actor, now);
}

/** Asserts that `fn` throws a DomainError with `code`, and returns it for further checks. */
export function expectDomainError(fn: () => unknown, code: ErrorCode): DomainError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected DomainError ${code}, but nothing was thrown`).toBeInstanceOf(DomainError);
  expect((thrown as DomainError).code).toBe(code);
  return thrown as DomainError;
}
