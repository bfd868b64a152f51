/**
 * The SLA sweep against DynamoDB Local: each step (warning → overdue → severe) exactly once per
 * case however the sweep is run — twice, twice at once, killed half-way and re-run, far ahead —
 * and the overdue statistics counter moved once. (What the timers must not touch, and what the
 * sweep reads: sweep-rules.test.ts.)
 *
 * Consultations filed at T0 (Monday 2026-03-02 09:00 Beijing, natural days): warning from
 * 03-07 00:00 (day 5), overdue after 03-09 23:59:59 (day 7), severe after 03-16 23:59:59 (day 14).
 * Each describe block has its own table, so one block's sweeps never see another's cases.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sweepSla, SweepInterrupted } from '../../../functions/src/services/sla/sweep';
import { createTestStack, type TestStack } from '../../support/stack';
import {
  acceptAt,
  day,
  expectSteps,
  fileConsultations,
  settled,
  slaEvents,
  sumSteps,
  sweepAt,
  totalSteps,
} from './sla-kit';

const NONE = { warning: 0, overdue: 0, severe: 0 };

describe('the sweep run twice takes each step exactly once', () => {
  let stack: TestStack;
  let cases: string[];
  let overdueBefore: { all: number; rsj: number; month: number };

  beforeAll(async () => {
    stack = await createTestStack();
    cases = (await fileConsultations(stack, 4)).map((c) => c.caseNo);
    // Three dispatched to 人社局; the fourth is still waiting for intake (its clock runs too).
    for (const caseNo of cases.slice(0, 3)) await acceptAt(stack, day(0.1), caseNo);
    await stack.settle();
    const [all, month] = await Promise.all([stack.deps.stats.getStats('ALL'), stack.deps.stats.getStats('2026-03')]);
    overdueBefore = { all: all.ALL?.overdue ?? 0, rsj: all['DEPT#rsj']?.overdue ?? 0, month: month.ALL?.overdue ?? 0 };
  });

  it('nothing is due the evening before the warning day', async () => {
    const r = await sweepAt(stack, new Date('2026-03-06T23:59:59+08:00'));
    expect(r.steps).toEqual(NONE);
    expect(r.itemsRead).toBe(0);
    await expectSteps(stack, cases, NONE);
  });

  it('warning at the start of day 5: the first sweep takes it for every case, the second takes nothing', async () => {
    const first = await sweepAt(stack, new Date('2026-03-07T00:00:00+08:00'));
    expect(first.steps).toEqual({ warning: 4, overdue: 0, severe: 0 });
    expect(first.itemsRead).toBe(4);
    const second = await sweepAt(stack, new Date('2026-03-07T00:05:00+08:00'));
    expect(second.steps).toEqual(NONE);
    expect(second.itemsRead).toBe(0);
    await expectSteps(stack, cases, { warning: 1, overdue: 0, severe: 0 });
  });

  it('not overdue at 23:59:59 of day 7; overdue once the day is over, taken once', async () => {
    expect((await sweepAt(stack, new Date('2026-03-09T23:59:59+08:00'))).steps).toEqual(NONE);
    const first = await sweepAt(stack, day(8));
    const second = await sweepAt(stack, day(8));
    expect(first.steps).toEqual({ warning: 0, overdue: 4, severe: 0 });
    expect(second.steps).toEqual(NONE);
    await expectSteps(stack, cases, { warning: 1, overdue: 1, severe: 0 });
  });

  it('overdue counts once in the statistics (overall, per department and in the month)', async () => {
    await sweepAt(stack, day(9));
    await stack.settle();
    const [all, month] = await Promise.all([stack.deps.stats.getStats('ALL'), stack.deps.stats.getStats('2026-03')]);
    expect((all.ALL?.overdue ?? 0) - overdueBefore.all).toBe(4);
    expect((all['DEPT#rsj']?.overdue ?? 0) - overdueBefore.rsj).toBe(3);
    expect((month.ALL?.overdue ?? 0) - overdueBefore.month).toBe(4);
    expect(all['TYPE#consultation']?.overdue).toBe(4);
  });

  it('severe after day 14, taken once; afterwards the cases leave the timers and nothing more happens', async () => {
    expect((await sweepAt(stack, new Date('2026-03-16T23:59:59+08:00'))).steps).toEqual(NONE);
    const first = await sweepAt(stack, day(15));
    const second = await sweepAt(stack, day(15));
    expect(first.steps).toEqual({ warning: 0, overdue: 0, severe: 4 });
    expect(second.steps).toEqual(NONE);
    const muchLater = await sweepAt(stack, day(400));
    expect(muchLater.steps).toEqual(NONE);
    expect(muchLater.itemsRead).toBe(0);
    await expectSteps(stack, cases, { warning: 1, overdue: 1, severe: 1 });
    for (const caseNo of cases) {
      const c = await stack.deps.cases.getCase(caseNo);
      expect(c!.slaReached).toBe('severe');
      expect(c!.schedule?.next).toBeUndefined();
    }
    await stack.settle();
    const all = await stack.deps.stats.getStats('ALL');
    expect((all.ALL?.overdue ?? 0) - overdueBefore.all, 'severe does not count as another late case').toBe(4);
  });

  it('the audit events say what happened and are public except the warning', async () => {
    const events = (await stack.deps.cases.listEvents(cases[0]!)).filter((e) => e.kind.startsWith('sla_'));
    expect(events.map((e) => [e.kind, e.actorRole, e.actorId, e.public, e.data.level])).toEqual([
      ['sla_warning', 'system', 'sla-timer', false, 'warning'],
      ['sla_overdue', 'system', 'sla-timer', true, 'overdue'],
      ['sla_severe', 'system', 'sla-timer', true, 'severe'],
    ]);
    expect(events.every((e) => e.fromStatus === 'in_progress' && e.toStatus === 'in_progress')).toBe(true);
  });
});

describe('two sweeps at once, twice, take each step exactly once', () => {
  let stack: TestStack;
  let cases: string[];

  beforeAll(async () => {
    stack = await createTestStack();
    cases = (await fileConsultations(stack, 6)).map((c) => c.caseNo);
    await Promise.all(cases.map((caseNo) => acceptAt(stack, day(0.1), caseNo)));
  });

  for (const [label, at, expected, after] of [
    ['warning', day(5), { warning: 6, overdue: 0, severe: 0 }, { warning: 1, overdue: 0, severe: 0 }],
    ['overdue', day(8), { warning: 0, overdue: 6, severe: 0 }, { warning: 1, overdue: 1, severe: 0 }],
    ['severe', day(15), { warning: 0, overdue: 0, severe: 6 }, { warning: 1, overdue: 1, severe: 1 }],
  ] as const) {
    it(`${label}: the first concurrent pair takes it once between them; the second pair reports 0 new steps`, async () => {
      stack.setNow(at);
      const firstPair = await Promise.all([sweepSla(stack.deps, at), sweepSla(stack.deps, at)]);
      expect(sumSteps(firstPair)).toEqual(expected);
      const secondPair = await Promise.all([sweepSla(stack.deps, at), sweepSla(stack.deps, at)]);
      expect(secondPair.map((r) => r.steps)).toEqual([NONE, NONE]);
      expect(secondPair.map((r) => r.itemsRead)).toEqual([0, 0]);
      await expectSteps(stack, cases, after);
    });
  }

  it('a pair of concurrent sweeps jumping straight to day 20 on fresh cases takes all three steps once each, in order', async () => {
    const fresh = (await fileConsultations(stack, 3, day(30), '社保断缴怎么补？')).map((c) => c.caseNo);
    const at = day(50);
    stack.setNow(at);
    const pair = await Promise.all([sweepSla(stack.deps, at, { pageSize: 1 }), sweepSla(stack.deps, at, { pageSize: 2 })]);
    expect(sumSteps(pair)).toEqual({ warning: 3, overdue: 3, severe: 3 });
    await expectSteps(stack, fresh, { warning: 1, overdue: 1, severe: 1 });
    await expectSteps(stack, cases, { warning: 1, overdue: 1, severe: 1 });
  });
});

describe('a sweep killed mid-way and re-run completes, nothing doubled, nothing skipped', () => {
  let stack: TestStack;
  let cases: string[];
  const countAll = async () => {
    const per = await Promise.all(cases.map((c) => slaEvents(stack, c)));
    return per.reduce((n, e) => n + e.warning + e.overdue + e.severe, 0);
  };

  beforeAll(async () => {
    stack = await createTestStack();
    cases = (await fileConsultations(stack, 6)).map((c) => c.caseNo);
    await Promise.all(cases.slice(0, 4).map((caseNo) => acceptAt(stack, day(0.1), caseNo)));
  });

  it('killed after a few steps at day 20 (18 steps due): it throws SweepInterrupted, part of the work is done', async () => {
    await expect(sweepAt(stack, day(20), { failAfterSteps: 5, pageSize: 2 })).rejects.toBeInstanceOf(SweepInterrupted);
    // Other shards' writes may still be landing: wait until the audit trail stops changing.
    const done = await settled(countAll);
    expect(done).toBeGreaterThanOrEqual(5);
    expect(done).toBeLessThan(18);
  });

  it('killed again with a budget of one step: still nothing doubled', async () => {
    const before = await settled(countAll);
    await expect(sweepAt(stack, day(20), { failAfterSteps: 1 })).rejects.toBeInstanceOf(SweepInterrupted);
    const after = await settled(countAll);
    expect(after).toBeGreaterThan(before);
    expect(after).toBeLessThanOrEqual(18);
  });

  it('the re-run takes exactly the remaining steps, and each case ends with warning, overdue, severe once each', async () => {
    const before = await settled(countAll);
    const rerun = await sweepAt(stack, day(20), { pageSize: 1 });
    expect(totalSteps(rerun)).toBe(18 - before);
    await expectSteps(stack, cases, { warning: 1, overdue: 1, severe: 1 });
    const again = await sweepAt(stack, day(20));
    expect(again.steps).toEqual(NONE);
    expect(again.itemsRead).toBe(0);
  });

  it('the overdue counter moved once per case despite the interruptions', async () => {
    await stack.settle();
    const all = await stack.deps.stats.getStats('ALL');
    expect(all.ALL?.overdue).toBe(6);
  });
});

describe('the failAfterSteps test hook', () => {
  it('stops after exactly k steps (so a test can kill a sweep at a chosen point)', async () => {
    const stack = await createTestStack();
    const cases = (await fileConsultations(stack, 8)).map((c) => c.caseNo);
    const countAll = async () => (await Promise.all(cases.map((c) => slaEvents(stack, c)))).reduce((n, e) => n + e.warning + e.overdue + e.severe, 0);
    await expect(sweepAt(stack, day(5), { failAfterSteps: 1 })).rejects.toBeInstanceOf(SweepInterrupted);
    // Shards run in parallel and share the budget: each checks it before its write and spends it
    // after, so several may pass the check at once; and the other shards go on after the throw.
    expect(await settled(countAll), 'steps taken by a sweep told to stop after 1').toBe(1);
  });
});
