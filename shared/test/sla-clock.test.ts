import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_SLA_POLICIES,
  addDays,
  countDays,
  dayOfWeek,
  daysBetween,
  daysLeft,
  deadlines,
  endOfShanghaiDay,
  extendClock,
  formatShanghaiHuman,
  formatShanghaiIso,
  listCalendar,
  pauseClock,
  restartClock,
  resumeClock,
  slaLevel,
  startClock,
  startOfShanghaiDay,
  stopClock,
  toShanghaiDate,
  weekdayCalendar,
  type CaseType,
  type SlaClock,
  type SlaPolicy,
} from '../src';
import { DAY, at } from './fixtures';

const SECOND = 1000;
const iso = formatShanghaiIso;
const consultation = (filedAt: Date) => startClock(DEFAULT_SLA_POLICIES.consultation, filedAt);
const complaint = (filedAt: Date) => startClock(DEFAULT_SLA_POLICIES.complaint, filedAt);
const dueOf = (clock: SlaClock, now: Date) => deadlines(clock, now).dueAt;

describe('Shanghai time helpers', () => {
  it.each([
    ['2026-03-10T23:30:00+08:00', '2026-03-10'],
    ['2026-03-11T00:30:00+08:00', '2026-03-11'], // still 2026-03-10 in UTC
    ['2026-03-10T16:00:00Z', '2026-03-11'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
  ])('%s falls on Beijing date %s', (instant, date) => {
    expect(toShanghaiDate(at(instant))).toBe(date);
  });

  it('days start at 00:00 and end at 23:59:59 Beijing time', () => {
    expect(iso(startOfShanghaiDay('2026-03-15'))).toBe('2026-03-15T00:00:00+08:00');
    expect(iso(endOfShanghaiDay('2026-03-15'))).toBe('2026-03-15T23:59:59+08:00');
    expect(startOfShanghaiDay('2026-03-15').toISOString()).toBe('2026-03-14T16:00:00.000Z');
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2028-02-25', 5)).toBe('2028-03-01');
    expect(addDays('2027-02-25', 5)).toBe('2027-03-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-03-10', '2026-03-17')).toBe(7);
    expect(daysBetween('2026-03-17', '2026-03-10')).toBe(-7);
  });

  it('formats for people and for the API with the +08:00 offset', () => {
    const t = at('2026-11-28T15:59:59Z');
    expect(iso(t)).toBe('2026-11-28T23:59:59+08:00');
    expect(formatShanghaiHuman(t)).toBe('2026年11月28日 23:59');
  });
});

describe('due dates are counted in Beijing days', () => {
  it('a consultation filed 2026-03-10 23:30 (+08:00) is due 2026-03-17 23:59:59 (+08:00)', () => {
    const filed = at('2026-03-10T23:30:00+08:00');
    expect(iso(dueOf(consultation(filed), filed))).toBe('2026-03-17T23:59:59+08:00');
  });

  it('a consultation filed 2026-03-11 00:30 (+08:00, still 03-10 in UTC) is due 2026-03-18 23:59:59', () => {
    const filed = at('2026-03-11T00:30:00+08:00');
    expect(filed.toISOString().slice(0, 10)).toBe('2026-03-10');
    expect(iso(dueOf(consultation(filed), filed))).toBe('2026-03-18T23:59:59+08:00');
  });

  it.each<[CaseType, string, string]>([
    ['consultation', '2026-03-10T08:00:00+08:00', '2026-03-17T23:59:59+08:00'],
    ['complaint', '2026-03-10T23:30:00+08:00', '2026-03-25T23:59:59+08:00'],
    ['complaint', '2026-03-11T00:30:00+08:00', '2026-03-26T23:59:59+08:00'],
    ['report', '2026-03-10T08:00:00+08:00', '2026-03-25T23:59:59+08:00'],
    ['suggestion', '2026-12-20T08:00:00+08:00', '2027-01-04T23:59:59+08:00'],
  ])('%s filed %s is due %s', (type, filed, due) => {
    const clock = startClock(DEFAULT_SLA_POLICIES[type], at(filed));
    expect(iso(dueOf(clock, at(filed)))).toBe(due);
  });

  it('the policy is snapshotted into the clock at filing', () => {
    const policy: SlaPolicy = { answerDays: 7, warnDays: 5, severeDays: 14, dayMode: 'natural' };
    const clock = startClock(policy, at('2026-03-10T08:00:00+08:00'));
    policy.answerDays = 1;
    expect(clock.answerDays).toBe(7);
  });
});

describe('SLA levels of a consultation (warn at day 5, due day 7, severe after day 14)', () => {
  const filed = at('2026-03-10T10:00:00+08:00');
  const clock = consultation(filed);
  const d = deadlines(clock, filed);

  it('has the expected deadlines', () => {
    expect(iso(d.warnAt)).toBe('2026-03-15T00:00:00+08:00');
    expect(iso(d.dueAt)).toBe('2026-03-17T23:59:59+08:00');
    expect(iso(d.severeAt)).toBe('2026-03-24T23:59:59+08:00');
  });

  it.each([
    ['at filing', filed.getTime(), 'normal'],
    ['one second before day 5 starts', d.warnAt.getTime() - SECOND, 'normal'],
    ['at 00:00 of day 5', d.warnAt.getTime(), 'warning'],
    ['at the due second itself', d.dueAt.getTime(), 'warning'],
    ['one second after the due time', d.dueAt.getTime() + SECOND, 'overdue'],
    ['at the severe deadline', d.severeAt.getTime(), 'overdue'],
    ['one second after the severe deadline', d.severeAt.getTime() + SECOND, 'severe'],
    ['months later', at('2026-09-01T00:00:00+08:00').getTime(), 'severe'],
  ] as const)('%s (t=%i) → %s', (_label, t, level) => {
    expect(slaLevel(clock, new Date(t))).toBe(level);
  });

  it('complaints warn at the start of day 12 and are severe after day 30', () => {
    const c = complaint(filed);
    const cd = deadlines(c, filed);
    expect(iso(cd.warnAt)).toBe('2026-03-22T00:00:00+08:00');
    expect(iso(cd.dueAt)).toBe('2026-03-25T23:59:59+08:00');
    expect(iso(cd.severeAt)).toBe('2026-04-09T23:59:59+08:00');
    expect(slaLevel(c, new Date(cd.warnAt.getTime() - SECOND))).toBe('normal');
    expect(slaLevel(c, cd.warnAt)).toBe('warning');
  });
});

describe('pausing the clock', () => {
  const filed = at('2026-03-10T10:00:00+08:00');
  const base = consultation(filed);
  const baseDue = dueOf(base, filed).getTime();

  it('while paused, the deadlines keep moving later as time passes', () => {
    const paused = pauseClock(base, at('2026-03-12T09:00:00+08:00'));
    const due1 = dueOf(paused, at('2026-03-13T09:00:00+08:00'));
    const due2 = dueOf(paused, at('2026-03-16T09:00:00+08:00'));
    expect(due2.getTime() - due1.getTime()).toBe(3 * DAY);
    expect(due1.getTime()).toBeGreaterThanOrEqual(baseDue);
  });

  it('a paused case does not become overdue while it waits for the citizen', () => {
    const paused = pauseClock(base, at('2026-03-11T09:00:00+08:00'));
    expect(slaLevel(paused, at('2026-03-30T12:00:00+08:00'))).toBe('normal');
  });

  it('pausing twice keeps the first pause start; resuming an unpaused clock changes nothing', () => {
    const p1 = pauseClock(base, at('2026-03-11T09:00:00+08:00'));
    expect(pauseClock(p1, at('2026-03-12T09:00:00+08:00'))).toEqual(p1);
    expect(resumeClock(base, at('2026-03-12T09:00:00+08:00'))).toEqual(base);
  });

  // Pauses that cross at least one midnight: after resuming, every deadline must be later by at least the
  // time the case waited for the citizen (day-granular deadlines round up, never down).
  it.each([
    ['48 h, from 10:00 to 10:00 two days later', '2026-03-12T10:00:00+08:00', '2026-03-14T10:00:00+08:00'],
    ['3 days and 5 hours', '2026-03-11T09:00:00+08:00', '2026-03-14T14:00:00+08:00'],
    ['10 h overnight (22:00 → 08:00)', '2026-03-12T22:00:00+08:00', '2026-03-13T08:00:00+08:00'],
    ['36 h (22:00 → 10:00 two days later)', '2026-03-12T22:00:00+08:00', '2026-03-14T10:00:00+08:00'],
  ])('pause of %s moves the deadlines later by at least the paused time', (_label, from, to) => {
    const resumed = resumeClock(pauseClock(base, at(from)), at(to));
    const paused = at(to).getTime() - at(from).getTime();
    expect(resumed.pausedMs).toBe(paused);
    const now = at('2026-03-15T12:00:00+08:00');
    const before = deadlines(base, now);
    const after = deadlines(resumed, now);
    expect(after.dueAt.getTime() - before.dueAt.getTime(), `due ${iso(before.dueAt)} → ${iso(after.dueAt)}`).toBeGreaterThanOrEqual(paused);
    expect(after.warnAt.getTime() - before.warnAt.getTime()).toBeGreaterThanOrEqual(paused);
    expect(after.severeAt.getTime() - before.severeAt.getTime()).toBeGreaterThanOrEqual(paused);
  });

  it('a late-evening filing paused overnight for 10 h gets one more day', () => {
    const evening = consultation(at('2026-03-10T20:00:00+08:00'));
    const resumed = resumeClock(pauseClock(evening, at('2026-03-12T22:00:00+08:00')), at('2026-03-13T08:00:00+08:00'));
    expect(iso(dueOf(evening, at('2026-03-14T00:00:00+08:00')))).toBe('2026-03-17T23:59:59+08:00');
    expect(iso(dueOf(resumed, at('2026-03-14T00:00:00+08:00')))).toBe('2026-03-18T23:59:59+08:00');
  });

  it('property: pausing and resuming never moves any deadline earlier', () => {
    const start = at('2026-01-01T00:00:00+08:00').getTime();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 365 * DAY }),
        fc.integer({ min: 0, max: 20 * DAY }),
        fc.integer({ min: 0, max: 20 * DAY }),
        fc.integer({ min: 0, max: 40 * DAY }),
        fc.constantFrom<CaseType>('consultation', 'complaint'),
        (filedOffset, pauseAfter, pauseLength, lookAfter, type) => {
          const filedAt = new Date(start + filedOffset);
          const clock = startClock(DEFAULT_SLA_POLICIES[type], filedAt);
          const pausedAt = new Date(filedAt.getTime() + pauseAfter);
          const resumedAt = new Date(pausedAt.getTime() + pauseLength);
          const resumed = resumeClock(pauseClock(clock, pausedAt), resumedAt);
          const now = new Date(resumedAt.getTime() + lookAfter);
          const a = deadlines(clock, now);
          const b = deadlines(resumed, now);
          expect(b.warnAt.getTime()).toBeGreaterThanOrEqual(a.warnAt.getTime());
          expect(b.dueAt.getTime()).toBeGreaterThanOrEqual(a.dueAt.getTime());
          expect(b.severeAt.getTime()).toBeGreaterThanOrEqual(a.severeAt.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('extensions of the clock', () => {
  const filed = at('2026-03-10T10:00:00+08:00');
  const clock = consultation(filed);

  it('extendClock(clock, 5) moves the due date 5 days later', () => {
    const extended = extendClock(clock, 5);
    expect(extended.extensionDays).toBe(5);
    expect(iso(dueOf(extended, filed))).toBe('2026-03-22T23:59:59+08:00');
    expect(dueOf(extended, filed).getTime() - dueOf(clock, filed).getTime()).toBe(5 * DAY);
  });

  it('an overdue case becomes on time again once extended', () => {
    const now = at('2026-03-19T10:00:00+08:00');
    expect(slaLevel(clock, now)).toBe('overdue');
    expect(slaLevel(extendClock(clock, 5), now)).not.toBe('overdue');
  });

  it.each([0, 31, -5, 1.5, Number.NaN])('rejects %s days', (days) => {
    expect(() => extendClock(clock, days)).toThrow(RangeError);
  });

  it.each([1, 30])('accepts %s days', (days) => {
    expect(extendClock(clock, days).extensionDays).toBe(days);
  });
});

describe('stopping the clock', () => {
  const filed = at('2026-03-10T10:00:00+08:00');
  const clock = consultation(filed);

  it.each([
    ['day 3 (normal)', '2026-03-13T10:00:00+08:00', 'normal'],
    ['day 6 (warning)', '2026-03-16T10:00:00+08:00', 'warning'],
    ['day 9 (overdue)', '2026-03-19T10:00:00+08:00', 'overdue'],
    ['day 20 (severe)', '2026-03-30T10:00:00+08:00', 'severe'],
  ] as const)('stopped on %s at %s: the level stays %s forever', (_label, stopIso, level) => {
    const stopped = stopClock(clock, at(stopIso));
    expect(stopped.stoppedAt).toBe(at(stopIso).toISOString());
    for (const later of ['2026-03-31T00:00:00+08:00', '2026-06-01T00:00:00+08:00', '2027-01-01T00:00:00+08:00']) {
      expect(slaLevel(stopped, at(later))).toBe(level);
    }
  });

  it('stopping a paused clock counts the pause up to the stop, then freezes', () => {
    const paused = pauseClock(clock, at('2026-03-11T10:00:00+08:00'));
    const stopped = stopClock(paused, at('2026-03-13T10:00:00+08:00'));
    expect(stopped.pausedSince).toBeUndefined();
    expect(stopped.pausedMs).toBe(2 * DAY);
    expect(slaLevel(stopped, at('2026-12-01T00:00:00+08:00'))).toBe('normal');
  });

  it('stopping twice keeps the first stop', () => {
    const stopped = stopClock(clock, at('2026-03-13T10:00:00+08:00'));
    expect(stopClock(stopped, at('2026-03-20T10:00:00+08:00'))).toEqual(stopped);
    expect(pauseClock(stopped, at('2026-03-20T10:00:00+08:00'))).toEqual(stopped);
  });

  it('restartClock starts a fresh clock with the same policy', () => {
    const stopped = stopClock(extendClock(clock, 3), at('2026-03-13T10:00:00+08:00'));
    const again = restartClock(stopped, at('2026-03-20T10:00:00+08:00'));
    expect(again).toEqual(startClock(DEFAULT_SLA_POLICIES.consultation, at('2026-03-20T10:00:00+08:00')));
  });
});

describe('countDays', () => {
  it('2026-03-13 is a Friday (fixture sanity)', () => {
    expect(dayOfWeek('2026-03-13')).toBe(5);
    expect(dayOfWeek('2026-03-14')).toBe(6);
    expect(dayOfWeek('2026-03-15')).toBe(0);
  });

  it('natural mode counts every date; the filing day is day 0', () => {
    expect(countDays('2026-03-13', 0, 'natural')).toBe('2026-03-13');
    expect(countDays('2026-03-13', 7, 'natural')).toBe('2026-03-20');
    expect(countDays('2026-12-28', 7, 'natural')).toBe('2027-01-04');
  });

  it('working mode skips weekends', () => {
    expect(countDays('2026-03-13', 1, 'working', weekdayCalendar)).toBe('2026-03-16');
    expect(countDays('2026-03-13', 5, 'working', weekdayCalendar)).toBe('2026-03-20');
    expect(countDays('2026-03-14', 1, 'working', weekdayCalendar)).toBe('2026-03-16'); // filed on a Saturday
  });

  it('working mode skips listed holidays and counts a listed make-up Saturday (调休)', () => {
    const calendar = listCalendar({ holidays: ['2026-03-16', '2026-03-17'], workdays: ['2026-03-14'] });
    expect(calendar.isWorkingDay('2026-03-14')).toBe(true);
    expect(calendar.isWorkingDay('2026-03-15')).toBe(false);
    expect(calendar.isWorkingDay('2026-03-16')).toBe(false);
    // Fri 13 filed → Sat 14 (make-up) = 1, Sun 15 off, Mon 16 + Tue 17 holidays, Wed 18 = 2, Thu 19 = 3.
    expect(countDays('2026-03-13', 1, 'working', calendar)).toBe('2026-03-14');
    expect(countDays('2026-03-13', 2, 'working', calendar)).toBe('2026-03-18');
    expect(countDays('2026-03-13', 3, 'working', calendar)).toBe('2026-03-19');
  });

  it('a National-Day-like week: 7 days off, two make-up weekend days', () => {
    const calendar = listCalendar({
      holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
      workdays: ['2026-09-27', '2026-10-10'],
    });
    // Wed 09-30 filed: Oct 1–7 off, Thu 8, Fri 9, Sat 10 (make-up), Mon 12, Tue 13.
    expect(countDays('2026-09-30', 5, 'working', calendar)).toBe('2026-10-13');
    expect(countDays('2026-09-30', 5, 'working', weekdayCalendar)).toBe('2026-10-07');
  });

  it('rejects negative or fractional days and a calendar with no working days', () => {
    expect(() => countDays('2026-03-13', -1, 'natural')).toThrow(RangeError);
    expect(() => countDays('2026-03-13', 1.5, 'working')).toThrow(RangeError);
    expect(() => countDays('2026-03-13', 1, 'working', { isWorkingDay: () => false })).toThrow(RangeError);
  });

  it('a working-day policy counts its deadlines on the calendar', () => {
    const policy: SlaPolicy = { answerDays: 7, warnDays: 5, severeDays: 14, dayMode: 'working' };
    const filed = at('2026-03-13T10:00:00+08:00'); // Friday
    const clock = startClock(policy, filed);
    const calendar = listCalendar({ holidays: ['2026-03-16', '2026-03-17'], workdays: ['2026-03-14'] });
    // Sat 14 (1), Wed 18 (2), Thu 19 (3), Fri 20 (4), Mon 23 (5), Tue 24 (6), Wed 25 (7).
    const d = deadlines(clock, filed, calendar);
    expect(iso(d.warnAt)).toBe('2026-03-23T00:00:00+08:00');
    expect(iso(d.dueAt)).toBe('2026-03-25T23:59:59+08:00');
    // Without a calendar, plain weekdays: Mon 16 (1) … Fri 20 (5), Mon 23 (6), Tue 24 (7).
    expect(iso(deadlines(clock, filed).warnAt)).toBe('2026-03-20T00:00:00+08:00');
    expect(iso(deadlines(clock, filed).dueAt)).toBe('2026-03-24T23:59:59+08:00');
    expect(slaLevel(clock, at('2026-03-22T23:59:59+08:00'), calendar)).toBe('normal');
    expect(slaLevel(clock, at('2026-03-23T00:00:00+08:00'), calendar)).toBe('warning');
    expect(slaLevel(clock, at('2026-03-25T12:00:00+08:00'), calendar)).toBe('warning');
    expect(slaLevel(clock, at('2026-03-25T12:00:00+08:00'))).toBe('overdue');
  });
});

describe('daysLeft', () => {
  const filed = at('2026-03-10T10:00:00+08:00');
  const clock = consultation(filed);

  it.each([
    ['on the filing day', '2026-03-10T10:00:00+08:00', 7],
    ['late on the filing day', '2026-03-10T23:59:00+08:00', 7],
    ['the next morning (still 03-10 in UTC)', '2026-03-11T07:00:00+08:00', 6],
    ['on the due day', '2026-03-17T12:00:00+08:00', 0],
    ['the day after the due date', '2026-03-18T00:00:01+08:00', -1],
    ['three days late', '2026-03-20T12:00:00+08:00', -3],
  ])('%s (%s) → %i', (_label, now, expected) => {
    expect(daysLeft(clock, at(now))).toBe(expected);
  });

  it('is 15 on the filing day of a complaint', () => {
    expect(daysLeft(complaint(filed), filed)).toBe(15);
  });

  it('does not run down while paused', () => {
    // Paused on 03-12 with 5 days left; a started paused day is given back whole, so 6 from then on.
    const paused = pauseClock(clock, at('2026-03-12T10:00:00+08:00'));
    expect(daysLeft(paused, at('2026-03-12T12:00:00+08:00'))).toBe(6);
    expect(daysLeft(paused, at('2026-03-20T12:00:00+08:00'))).toBe(6);
  });

  it('counts extension days', () => {
    expect(daysLeft(extendClock(clock, 5), filed)).toBe(12);
  });

  it('uses the Beijing date even when UTC is still on the previous day', () => {
    // 2026-03-17 07:00 Beijing = 2026-03-16 23:00 UTC: the due day, so 0 left (UTC would say 1).
    expect(daysLeft(clock, at('2026-03-17T07:00:00+08:00'))).toBe(0);
  });
});
