/**
 * Property-based and example tests of the SLA clock on China's official calendar (chinese-days,
 * through the functions' adapter) and on natural days. Every property runs on both day modes.
 *
 * An independent oracle (`officialIsWorkday`) reads chinese-days directly for 2004–2026 and falls
 * back to Monday–Friday for other years, so the adapter and the counting are checked against the
 * package itself, not against themselves.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import chineseDays from 'chinese-days';
import {
  addDays,
  dayOfWeek,
  deadlines,
  dueSlaSteps,
  countDays,
  extendClock,
  formatShanghaiIso,
  pauseClock,
  resumeClock,
  slaLevel,
  startClock,
  startOfShanghaiDay,
  endOfShanghaiDay,
  toShanghaiDate,
  withSlaSchedule,
  DEFAULT_SLA_POLICIES,
  type CaseRecord,
  type DayMode,
  type SlaClock,
  type SlaLevel,
  type SlaPolicy,
  type WorkingCalendar,
} from '@minsheng/shared';
import { chinaHolidayCalendar } from '../src/adapters/calendar/china';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const RUNS = { numRuns: 300 };

const china: WorkingCalendar = await chinaHolidayCalendar.withOverrides([]);
const iso = formatShanghaiIso;
const at = (s: string) => {
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw new Error(`bad instant ${s}`);
  return d;
};

/** The oracle: chinese-days itself for the years it covers, Monday–Friday otherwise. */
function officialIsWorkday(date: string): boolean {
  const year = Number(date.slice(0, 4));
  if (year >= 2004 && year <= 2026) return chineseDays.isWorkday(date);
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6;
}

/** The n-th working day after `start` (start itself is day 0), by the oracle. */
function oracleCount(start: string, n: number): string {
  let date = start;
  for (let counted = 0; counted < n; ) {
    date = addDays(date, 1);
    if (officialIsWorkday(date)) counted++;
  }
  return date;
}

function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

const ALL_2026 = datesBetween('2026-01-01', '2026-12-31');
/** 2026 days off that would be working days Monday–Friday (official holidays). */
const HOLIDAYS_2026 = ALL_2026.filter((d) => !chineseDays.isWorkday(d) && dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6);
/** 2026 weekend days that are working days (调休 make-up days). */
const MAKEUP_2026 = ALL_2026.filter((d) => chineseDays.isWorkday(d) && (dayOfWeek(d) === 0 || dayOfWeek(d) === 6));

// ---- generators ----

/** Instants from 2004 (first year chinese-days covers) to 2030 (beyond it: the Mon–Fri fallback). */
const instant = (min = '2004-01-01T00:00:00Z', max = '2030-12-31T00:00:00Z') =>
  fc.date({ min: new Date(min), max: new Date(max), noInvalidDate: true });

/** Instants concentrated where the calendar is irregular: 2026 (春节, 清明, 五一, 端午, 中秋, 国庆) and the 2026→2027 seam. */
const instant2026 = instant('2025-12-20T00:00:00Z', '2027-01-15T00:00:00Z');
const anyInstant = fc.oneof(instant(), instant2026);

const dayMode = fc.constantFrom<DayMode>('natural', 'working');

/** A valid policy: 1 ≤ warn < answer < severe (the admin schema's rules), small enough to be quick. */
const policy = (mode: fc.Arbitrary<DayMode> = dayMode): fc.Arbitrary<SlaPolicy> =>
  fc
    .record({ warnDays: fc.integer({ min: 1, max: 20 }), gap: fc.integer({ min: 1, max: 15 }), severeGap: fc.integer({ min: 1, max: 30 }), dayMode: mode })
    .map(({ warnDays, gap, severeGap, dayMode }) => ({ warnDays, answerDays: warnDays + gap, severeDays: warnDays + gap + severeGap, dayMode }));

const defaultPolicy = fc.constantFrom(...Object.values(DEFAULT_SLA_POLICIES)).chain((p) => dayMode.map((m) => ({ ...p, dayMode: m })));
const anyPolicy = fc.oneof(policy(), defaultPolicy);

/** Pause/resume moments after filing: pairs of (gap before pausing, pause length), in ms. */
const pauses = fc.array(fc.record({ gap: fc.integer({ min: 0, max: 10 * DAY }), length: fc.integer({ min: 0, max: 12 * DAY }) }), { maxLength: 4 });

const d = (clock: SlaClock, now: Date) => deadlines(clock, now, china);

// ---- properties ----

describe('SLA clock properties (China official calendar / natural days)', () => {
  it('the due date is never earlier than submission; warning < due < severe, all after the filing instant', () => {
    fc.assert(
      fc.property(anyInstant, anyPolicy, (filedAt, p) => {
        const x = d(startClock(p, filedAt), filedAt);
        expect(x.warnAt.getTime()).toBeGreaterThan(filedAt.getTime());
        expect(x.dueAt.getTime()).toBeGreaterThan(x.warnAt.getTime());
        expect(x.severeAt.getTime()).toBeGreaterThan(x.dueAt.getTime());
        // At least the counted days, in calendar days, after the filing date.
        expect(toShanghaiDate(x.dueAt) >= addDays(toShanghaiDate(filedAt), p.answerDays)).toBe(true);
      }),
      RUNS,
    );
  });

  it('deadlines are stated in the Shanghai day: warning at 00:00:00, due and severe at 23:59:59 (+08:00)', () => {
    fc.assert(
      fc.property(anyInstant, anyPolicy, (filedAt, p) => {
        const x = d(startClock(p, filedAt), filedAt);
        expect(iso(x.warnAt)).toMatch(/T00:00:00\+08:00$/);
        expect(iso(x.dueAt)).toMatch(/T23:59:59\+08:00$/);
        expect(iso(x.severeAt)).toMatch(/T23:59:59\+08:00$/);
      }),
      RUNS,
    );
  });

  it('only the Shanghai filing date matters: any two instants of the same Beijing day give the same deadlines', () => {
    fc.assert(
      fc.property(anyInstant, anyPolicy, fc.integer({ min: 0, max: DAY - 1 }), fc.integer({ min: 0, max: DAY - 1 }), (t, p, a, b) => {
        const dayStart = startOfShanghaiDay(toShanghaiDate(t)).getTime();
        const x = d(startClock(p, new Date(dayStart + a)), new Date(dayStart + a));
        const y = d(startClock(p, new Date(dayStart + b)), new Date(dayStart + b));
        expect(x).toEqual(y);
      }),
      RUNS,
    );
  });

  it('is monotone in submission time: a later filing is never due earlier (warning, due and severe)', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 0, max: 40 * DAY }), anyPolicy, (t1, delta, p) => {
        const t2 = new Date(t1.getTime() + delta);
        const a = d(startClock(p, t1), t1);
        const b = d(startClock(p, t2), t2);
        expect(b.warnAt.getTime()).toBeGreaterThanOrEqual(a.warnAt.getTime());
        expect(b.dueAt.getTime()).toBeGreaterThanOrEqual(a.dueAt.getTime());
        expect(b.severeAt.getTime()).toBeGreaterThanOrEqual(a.severeAt.getTime());
      }),
      RUNS,
    );
  });

  it('a pause never shortens: pause/resume at arbitrary times leaves every deadline at or after the unpaused one', () => {
    fc.assert(
      fc.property(anyInstant, anyPolicy, pauses, fc.boolean(), fc.integer({ min: 0, max: 5 * DAY }), (filedAt, p, ps, endPaused, tail) => {
        let clock = startClock(p, filedAt);
        let t = filedAt.getTime();
        let pausedMs = 0;
        for (const { gap, length } of ps) {
          t += gap;
          clock = pauseClock(clock, new Date(t));
          t += length;
          clock = resumeClock(clock, new Date(t));
          pausedMs += length;
        }
        if (endPaused) clock = pauseClock(clock, new Date(t));
        const now = new Date(t + tail);
        if (endPaused) pausedMs += tail;

        const base = d(startClock(p, filedAt), now);
        const paused = d(clock, now);
        for (const k of ['warnAt', 'dueAt', 'severeAt'] as const) {
          // Never earlier, and given back at least the whole time paused.
          expect(paused[k].getTime()).toBeGreaterThanOrEqual(base[k].getTime());
          expect(paused[k].getTime() - base[k].getTime()).toBeGreaterThanOrEqual(Math.ceil(pausedMs / DAY) * DAY);
          if (p.dayMode === 'natural') expect(paused[k].getTime() - base[k].getTime()).toBe(Math.ceil(pausedMs / DAY) * DAY);
        }
      }),
      RUNS,
    );
  });

  it('while paused, deadlines only move later as time passes (never earlier)', () => {
    fc.assert(
      fc.property(anyInstant, anyPolicy, fc.integer({ min: 0, max: 10 * DAY }), fc.integer({ min: 0, max: 10 * DAY }), fc.integer({ min: 0, max: 10 * DAY }), (filedAt, p, gap, n1, n2) => {
        const pausedAt = new Date(filedAt.getTime() + gap);
        const clock = pauseClock(startClock(p, filedAt), pausedAt);
        const a = d(clock, new Date(pausedAt.getTime() + n1));
        const b = d(clock, new Date(pausedAt.getTime() + n1 + n2));
        expect(b.dueAt.getTime()).toBeGreaterThanOrEqual(a.dueAt.getTime());
        expect(b.severeAt.getTime()).toBeGreaterThanOrEqual(a.severeAt.getTime());
      }),
      RUNS,
    );
  });

  it('an extension of k days moves every deadline exactly k counted days later', () => {
    fc.assert(
      fc.property(anyInstant, anyPolicy, fc.integer({ min: 1, max: 30 }), (filedAt, p, k) => {
        const plain = startClock(p, filedAt);
        const x = d(extendClock(plain, k), filedAt);
        const start = toShanghaiDate(filedAt);
        expect(toShanghaiDate(x.dueAt)).toBe(countDays(start, p.answerDays + k, p.dayMode, china));
        expect(x.dueAt.getTime()).toBeGreaterThan(d(plain, filedAt).dueAt.getTime());
      }),
      RUNS,
    );
  });

  it('the SLA level only rises as time passes on a running clock', () => {
    const rank: Record<SlaLevel, number> = { normal: 0, warning: 1, overdue: 2, severe: 3 };
    fc.assert(
      fc.property(anyInstant, anyPolicy, fc.integer({ min: 0, max: 90 * DAY }), fc.integer({ min: 0, max: 30 * DAY }), (filedAt, p, a, b) => {
        const clock = startClock(p, filedAt);
        const l1 = slaLevel(clock, new Date(filedAt.getTime() + a), china);
        const l2 = slaLevel(clock, new Date(filedAt.getTime() + a + b), china);
        expect(rank[l2]).toBeGreaterThanOrEqual(rank[l1]);
      }),
      RUNS,
    );
  });
});

describe('working-day deadlines on the official calendar', () => {
  it('the adapter agrees with chinese-days for every day of 2004–2026', () => {
    for (let y = 2004; y <= 2026; y++) {
      for (const date of datesBetween(`${y}-01-01`, `${y}-12-31`)) {
        if (china.isWorkingDay(date) !== chineseDays.isWorkday(date)) expect.fail(`${date}: adapter ${china.isWorkingDay(date)}, chinese-days ${chineseDays.isWorkday(date)}`);
      }
    }
  });

  it('2026 fixture sanity: the holidays and 调休 make-up days the examples rely on', () => {
    // 春节 2026-02-15..23 off (weekdays among them listed), make-up Saturdays 02-14 and 02-28.
    for (const date of datesBetween('2026-02-15', '2026-02-23')) expect(china.isWorkingDay(date), date).toBe(false);
    // 国庆 2026-10-01..07 off; 10-08 is an ordinary working Thursday; make-up Sunday 09-20 and Saturday 10-10.
    for (const date of datesBetween('2026-10-01', '2026-10-07')) expect(china.isWorkingDay(date), date).toBe(false);
    expect(china.isWorkingDay('2026-10-08')).toBe(true);
    // 中秋 2026-09-25 (Friday) is off; 09-26/27 an ordinary weekend.
    expect(china.isWorkingDay('2026-09-25')).toBe(false);
    expect(china.isWorkingDay('2026-09-27')).toBe(false);
    expect(MAKEUP_2026).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(HOLIDAYS_2026).toEqual(expect.arrayContaining(['2026-01-01', '2026-02-16', '2026-02-20', '2026-02-23', '2026-04-06', '2026-05-01', '2026-06-19', '2026-09-25', '2026-10-01', '2026-10-07']));
  });

  it('working-day warning, due and severe dates never land on a holiday or a weekend day off', () => {
    fc.assert(
      fc.property(anyInstant, policy(fc.constant<DayMode>('working')), (filedAt, p) => {
        const x = d(startClock(p, filedAt), filedAt);
        for (const instantOf of [x.warnAt, x.dueAt, x.severeAt]) {
          const date = toShanghaiDate(instantOf);
          expect(officialIsWorkday(date), `${date} is a day off`).toBe(true);
          expect(HOLIDAYS_2026).not.toContain(date);
        }
      }),
      RUNS,
    );
  });

  it('counting n working days matches the official calendar exactly (oracle: chinese-days directly)', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 0, max: 45 }), (t, n) => {
        const start = toShanghaiDate(t);
        expect(countDays(start, n, 'working', china)).toBe(oracleCount(start, n));
      }),
      RUNS,
    );
  });

  it('due dates step through every working day, 调休 weekends included: day n+1 is the first working day after day n', () => {
    fc.assert(
      fc.property(instant2026, fc.integer({ min: 0, max: 40 }), (t, n) => {
        const start = toShanghaiDate(t);
        const dn = countDays(start, n, 'working', china);
        const next = countDays(start, n + 1, 'working', china);
        // Nothing between them is a working day, and `next` is one.
        for (let x = addDays(dn, 1); x < next; x = addDays(x, 1)) expect(officialIsWorkday(x), `${x} was skipped`).toBe(false);
        expect(officialIsWorkday(next)).toBe(true);
      }),
      RUNS,
    );
  });

  it('every 2026 调休 make-up weekend day is the due date of some filing date (7-working-day consultation)', () => {
    const p: SlaPolicy = { ...DEFAULT_SLA_POLICIES.consultation, dayMode: 'working' };
    for (const target of MAKEUP_2026) {
      const filings = datesBetween(addDays(target, -30), target).filter(
        (date) => toShanghaiDate(d(startClock(p, startOfShanghaiDay(date)), startOfShanghaiDay(date)).dueAt) === target,
      );
      expect(filings.length, `no filing date is due on ${target}`).toBeGreaterThan(0);
    }
  });

  it('working and natural policies agree on the calendar days only when no day off intervenes', () => {
    fc.assert(
      fc.property(instant2026, policy(fc.constant<DayMode>('working')), (t, p) => {
        const working = d(startClock(p, t), t).dueAt;
        const natural = d(startClock({ ...p, dayMode: 'natural' }, t), t).dueAt;
        expect(working.getTime()).toBeGreaterThanOrEqual(natural.getTime());
        const offDays = datesBetween(addDays(toShanghaiDate(t), 1), toShanghaiDate(natural)).filter((x) => !officialIsWorkday(x)).length;
        if (offDays === 0) expect(working).toEqual(natural);
      }),
      RUNS,
    );
  });
});

describe('the timers’ schedule derived from the clock', () => {
  const record = (clock: SlaClock, slaReached: SlaLevel = 'normal'): CaseRecord => ({
    caseNo: '20260310123456',
    type: 'consultation',
    categoryId: 'shebao',
    title: '咨询',
    content: '咨询内容',
    status: 'in_progress',
    version: 1,
    createdAt: clock.startedAt,
    updatedAt: clock.startedAt,
    anonymous: false,
    publishConsent: false,
    departmentId: 'rsj',
    clock,
    slaReached,
    supplements: [],
    round: 1,
    ratings: [],
  });

  it('the indexed next step is exactly the step due at its time, and nothing is due before the warning', () => {
    fc.assert(
      fc.property(anyInstant, anyPolicy, fc.constantFrom<SlaLevel>('normal', 'warning', 'overdue'), (filedAt, p, reached) => {
        const r = withSlaSchedule(record(startClock(p, filedAt), reached), filedAt, china);
        const next = r.schedule!.next!;
        expect(next).toBeDefined();
        expect(dueSlaSteps(r, new Date(next.at), china)[0]).toBe(next.level);
        expect(dueSlaSteps(r, new Date(Date.parse(next.at) - 1001), china)).toEqual([]);
        if (reached === 'normal') expect(dueSlaSteps(r, filedAt, china)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('a sweep far in the future takes the remaining steps in order, each once', () => {
    fc.assert(
      fc.property(anyInstant, anyPolicy, (filedAt, p) => {
        const r = record(startClock(p, filedAt));
        const late = new Date(d(r.clock, filedAt).severeAt.getTime() + 1000);
        expect(dueSlaSteps(r, late, china)).toEqual(['warning', 'overdue', 'severe']);
        expect(dueSlaSteps({ ...r, slaReached: 'warning' }, late, china)).toEqual(['overdue', 'severe']);
        expect(dueSlaSteps({ ...r, slaReached: 'severe' }, late, china)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('paused and answered clocks have no next step and nothing due', () => {
    fc.assert(
      fc.property(anyInstant, anyPolicy, fc.integer({ min: 0, max: 5 * DAY }), (filedAt, p, gap) => {
        const t = new Date(filedAt.getTime() + gap);
        const farLater = new Date(filedAt.getTime() + 400 * DAY);
        const paused = { ...record(pauseClock(startClock(p, filedAt), t)), status: 'awaiting_citizen' as const };
        expect(withSlaSchedule(paused, t, china).schedule?.next).toBeUndefined();
        expect(dueSlaSteps(paused, farLater, china)).toEqual([]);
        const answered = { ...record({ ...startClock(p, filedAt), stoppedAt: t.toISOString() }), status: 'replied' as const };
        expect(withSlaSchedule(answered, t, china).schedule?.next).toBeUndefined();
        expect(dueSlaSteps(answered, farLater, china)).toEqual([]);
      }),
      RUNS,
    );
  });
});

// ---- named examples ----

const consultationWorking: SlaPolicy = { ...DEFAULT_SLA_POLICIES.consultation, dayMode: 'working' };
const complaintWorking: SlaPolicy = { ...DEFAULT_SLA_POLICIES.complaint, dayMode: 'working' };
const shown = (clock: SlaClock, now: Date, calendar: WorkingCalendar = china) => {
  const x = deadlines(clock, now, calendar);
  return { warnAt: iso(x.warnAt), dueAt: iso(x.dueAt), severeAt: iso(x.severeAt) };
};

describe('named examples: 国庆 2026 (10-01..07 off; 09-20 and 10-10 make-up working days)', () => {
  it('a 7-working-day consultation filed 2026-09-30 is due 2026-10-15, skipping the holiday and counting Saturday 10-10', () => {
    const filed = at('2026-09-30T10:00:00+08:00');
    // 10-08 (1), 10-09 (2), 10-10 Sat (3), 10-12 (4), 10-13 (5: warning), 10-14 (6), 10-15 (7).
    expect(shown(startClock(consultationWorking, filed), filed)).toMatchObject({
      warnAt: '2026-10-13T00:00:00+08:00',
      dueAt: '2026-10-15T23:59:59+08:00',
    });
  });

  it('a consultation filed 2026-09-23 is due on the make-up Saturday 2026-10-10', () => {
    const filed = at('2026-09-23T15:00:00+08:00');
    // 09-24 (1), 09-25 中秋 off, 09-28 (2), 09-29 (3), 09-30 (4), 10-08 (5), 10-09 (6), 10-10 Sat (7).
    const x = shown(startClock(consultationWorking, filed), filed);
    expect(x.dueAt).toBe('2026-10-10T23:59:59+08:00');
    expect(x.warnAt).toBe('2026-10-08T00:00:00+08:00');
    expect(dayOfWeek('2026-10-10')).toBe(6);
  });

  it('the Shanghai day decides: 2026-09-30 00:30 Beijing (still 09-29 in UTC) is due 10-15, not 10-14', () => {
    const filed = at('2026-09-29T16:30:00Z');
    expect(shown(startClock(consultationWorking, filed), filed).dueAt).toBe('2026-10-15T23:59:59+08:00');
    const dayBefore = at('2026-09-29T23:30:00+08:00');
    expect(shown(startClock(consultationWorking, dayBefore), dayBefore).dueAt).toBe('2026-10-14T23:59:59+08:00');
  });

  it('a case filed during the holiday starts counting on the first working day after it', () => {
    const filed = at('2026-10-03T11:00:00+08:00');
    const oneDay: SlaPolicy = { answerDays: 2, warnDays: 1, severeDays: 3, dayMode: 'working' };
    expect(shown(startClock(oneDay, filed), filed)).toEqual({
      warnAt: '2026-10-08T00:00:00+08:00',
      dueAt: '2026-10-09T23:59:59+08:00',
      severeAt: '2026-10-10T23:59:59+08:00',
    });
  });

  it('the natural-day default ignores the holiday: filed 2026-09-30 → due 2026-10-07', () => {
    const filed = at('2026-09-30T10:00:00+08:00');
    expect(shown(startClock(DEFAULT_SLA_POLICIES.consultation, filed), filed)).toEqual({
      warnAt: '2026-10-05T00:00:00+08:00',
      dueAt: '2026-10-07T23:59:59+08:00',
      severeAt: '2026-10-14T23:59:59+08:00',
    });
  });
});

describe('named examples: 春节 2026 (02-15..23 off; 02-14 and 02-28 make-up Saturdays)', () => {
  it('a consultation filed 2026-02-05 is due on the make-up Saturday 2026-02-14', () => {
    const filed = at('2026-02-05T09:00:00+08:00');
    // 02-06 (1), 02-09 (2), 02-10 (3), 02-11 (4), 02-12 (5: warning), 02-13 (6), 02-14 Sat (7).
    expect(shown(startClock(consultationWorking, filed), filed)).toMatchObject({
      warnAt: '2026-02-12T00:00:00+08:00',
      dueAt: '2026-02-14T23:59:59+08:00',
    });
  });

  it('a consultation filed 2026-02-12 is due on the make-up Saturday 2026-02-28, the whole festival skipped', () => {
    const filed = at('2026-02-12T09:00:00+08:00');
    // 02-13 (1), 02-14 Sat (2), 02-15..23 off, 02-24 (3), 02-25 (4), 02-26 (5: warning), 02-27 (6), 02-28 Sat (7).
    expect(shown(startClock(consultationWorking, filed), filed)).toMatchObject({
      warnAt: '2026-02-26T00:00:00+08:00',
      dueAt: '2026-02-28T23:59:59+08:00',
    });
  });

  it('a 15-working-day complaint filed 2026-02-12 warns 03-06, is due 03-11 and severe after 04-01', () => {
    const filed = at('2026-02-12T09:00:00+08:00');
    expect(shown(startClock(complaintWorking, filed), filed)).toEqual({
      warnAt: '2026-03-06T00:00:00+08:00',
      dueAt: '2026-03-11T23:59:59+08:00',
      severeAt: '2026-04-01T23:59:59+08:00',
    });
  });

  it('natural days run straight through the festival: filed 2026-02-12 → due 2026-02-19', () => {
    const filed = at('2026-02-12T09:00:00+08:00');
    expect(shown(startClock(DEFAULT_SLA_POLICIES.consultation, filed), filed).dueAt).toBe('2026-02-19T23:59:59+08:00');
  });

  it('a pause over the festival gives back whole days: 3 days 1 hour paused → 4 more working days', () => {
    const filed = at('2026-02-05T09:00:00+08:00');
    let clock = pauseClock(startClock(consultationWorking, filed), at('2026-02-06T09:00:00+08:00'));
    clock = resumeClock(clock, at('2026-02-09T10:00:00+08:00'));
    // 7 + 4 = 11 working days from 02-05: …, 02-14 (7), 02-24 (8), 02-25 (9), 02-26 (10), 02-27 (11).
    expect(shown(clock, at('2026-02-09T10:00:00+08:00')).dueAt).toBe('2026-02-27T23:59:59+08:00');
  });
});

describe('named examples: natural days and Beijing time', () => {
  it('a consultation filed 2026-03-10 23:30 Beijing is due 2026-03-17 23:59:59 Beijing', () => {
    const filed = at('2026-03-10T23:30:00+08:00');
    expect(shown(startClock(DEFAULT_SLA_POLICIES.consultation, filed), filed)).toEqual({
      warnAt: '2026-03-15T00:00:00+08:00',
      dueAt: '2026-03-17T23:59:59+08:00',
      severeAt: '2026-03-24T23:59:59+08:00',
    });
  });
});

describe('admin overrides on the official calendar', () => {
  it('chinese-days does not know 2027: 2027-01-01 (a Friday) counts as a working day without an override', () => {
    expect(chinaHolidayCalendar.knownYears()).not.toContain(2027);
    expect(china.isWorkingDay('2027-01-01')).toBe(true);
    const filed = at('2026-12-30T10:00:00+08:00');
    // 12-31 (1), 01-01 (2), 01-04 (3) … 01-08 (7).
    expect(shown(startClock(consultationWorking, filed), filed).dueAt).toBe('2027-01-08T23:59:59+08:00');
  });

  it('marking 2027-01-01 as a day off moves a working-day due date that spans it one working day later', async () => {
    const withNewYear = await chinaHolidayCalendar.withOverrides([{ date: '2027-01-01', work: false, note: '元旦' }]);
    const filed = at('2026-12-30T10:00:00+08:00');
    expect(shown(startClock(consultationWorking, filed), filed, withNewYear).dueAt).toBe('2027-01-11T23:59:59+08:00');
    // A natural-day policy is not affected.
    expect(shown(startClock(DEFAULT_SLA_POLICIES.consultation, filed), filed, withNewYear).dueAt).toBe('2027-01-06T23:59:59+08:00');
  });

  it('an override can also make a weekend a working day (a 2027 make-up Saturday) and a holiday a working day', async () => {
    const cal = await chinaHolidayCalendar.withOverrides([
      { date: '2027-01-01', work: false },
      { date: '2027-01-09', work: true },
    ]);
    const filed = at('2026-12-30T10:00:00+08:00');
    // 12-31 (1), 01-04 (2) … 01-08 (6), 01-09 Sat (7).
    expect(shown(startClock(consultationWorking, filed), filed, cal).dueAt).toBe('2027-01-09T23:59:59+08:00');

    // An override beats the package: 2026-10-05 made a working day shortens the 国庆 example by one day.
    const local = await chinaHolidayCalendar.withOverrides([{ date: '2026-10-05', work: true }]);
    const sep30 = at('2026-09-30T10:00:00+08:00');
    expect(shown(startClock(consultationWorking, sep30), sep30, local).dueAt).toBe('2026-10-14T23:59:59+08:00');
  });

  it('property: adding days off never brings a working-day due date earlier', async () => {
    await fc.assert(
      fc.asyncProperty(instant('2026-11-01T00:00:00Z', '2027-06-30T00:00:00Z'), policy(fc.constant<DayMode>('working')), fc.uniqueArray(fc.integer({ min: 0, max: 120 }), { maxLength: 6 }), async (t, p, offsets) => {
        const offs = offsets.map((o) => ({ date: addDays(toShanghaiDate(t), o), work: false }));
        const cal = await chinaHolidayCalendar.withOverrides(offs);
        const clock = startClock(p, t);
        const plain = deadlines(clock, t, china);
        const more = deadlines(clock, t, cal);
        expect(more.dueAt.getTime()).toBeGreaterThanOrEqual(plain.dueAt.getTime());
        expect(offs.map((o) => o.date)).not.toContain(toShanghaiDate(more.dueAt));
      }),
      { numRuns: 150 },
    );
  });
});

// A guard against the fixture instants themselves drifting.
it('fixture: endOfShanghaiDay and startOfShanghaiDay are one second apart across midnight', () => {
  expect(startOfShanghaiDay('2026-10-16').getTime() - endOfShanghaiDay('2026-10-15').getTime()).toBe(1000);
});
