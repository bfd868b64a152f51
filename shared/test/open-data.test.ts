/**
 * The open-data export's pure parts (issue #18): ISO weeks, the generalisation ladder and its k-anonymity
 * (checked on the rows themselves, for random months), and RFC 4180 CSV with a BOM.
 */
import { describe, expect, it } from 'vitest';
import { csvField, dateAt, isoWeek, kAnonymise, quasiKey, toCsv, type OpenDataFacts } from '../src';

const names = { unit: (id: string) => `单位${id}`, category: (id: string) => `类别${id}` };

/** A deterministic pseudo-random month (a linear congruential generator: the test needs no library). */
function month(n: number, seed: number): OpenDataFacts[] {
  let x = seed;
  const next = (m: number) => ((x = (x * 1103515245 + 12345) % 2 ** 31), x % m);
  const paths = ['root', 'root/hexi', 'root/hexi/hexi-xinhua', 'root/hexi/hexi-xinhua/hongqi', 'root/qingshan/qs-chengnan', 'root/beihu'];
  return Array.from({ length: n }, () => {
    const day = 1 + next(30);
    const filedAt = `2030-03-${String(day).padStart(2, '0')}T0${next(10)}:00:00.000Z`;
    const answered = next(3) > 0;
    return {
      type: (['complaint', 'consultation', 'report', 'suggestion'] as const)[next(4)]!,
      categoryId: ['shebao', 'yibao', 'tuoqian-gongzi'][next(3)]!,
      unitPath: paths[next(paths.length)]!,
      channel: (['miniprogram', 'phone', 'web'] as const)[next(3)]!,
      status: answered ? 'closed' : 'in_progress',
      filedAt,
      ...(answered ? { answeredAt: new Date(Date.parse(filedAt) + next(20) * 86_400_000).toISOString(), onTime: next(2) === 0, closedAt: new Date(Date.parse(filedAt) + 25 * 86_400_000).toISOString(), result: 'resolved' as const, rating: 'satisfied' as const, ratingBy: 'citizen' as const } : {}),
    };
  });
}

describe('ISO 8601 weeks', () => {
  it('numbers weeks from the one holding the first Thursday, across year ends', () => {
    expect(isoWeek('2026-01-01')).toBe('2026-W01'); // a Thursday
    expect(isoWeek('2027-01-01')).toBe('2026-W53'); // a Friday: 2026 has 53 weeks
    expect(isoWeek('2030-03-04')).toBe('2030-W10');
    expect(isoWeek('2030-12-30')).toBe('2031-W01'); // a Monday whose Thursday is in 2031
    expect(isoWeek('2029-12-31')).toBe('2030-W01');
  });
  it('dates are Shanghai dates: 16:30Z is the next day in Shanghai', () => {
    expect(dateAt('2030-03-31T16:30:00.000Z', 'day')).toBe('2030-04-01');
    expect(dateAt('2030-03-31T16:30:00.000Z', 'month')).toBe('2030-04');
    expect(dateAt(undefined, 'day')).toBe('');
  });
});

describe('k-anonymity of the rows themselves', () => {
  for (const [n, seed, k] of [[40, 1, 5], [300, 2, 5], [300, 3, 2], [1000, 4, 10], [7, 5, 5]] as const) {
    it(`${n} cases, k=${k}: every combination of the quasi-identifiers is in ≥ k rows; rows + suppressed = cases`, () => {
      const facts = month(n, seed);
      const { rows, suppressed } = kAnonymise(facts, k, names);
      const groups = new Map<string, number>();
      for (const r of rows) groups.set(quasiKey(r), (groups.get(quasiKey(r)) ?? 0) + 1);
      for (const [key, count] of groups) expect(count, key).toBeGreaterThanOrEqual(k);
      expect(rows.length + suppressed).toBe(n);
      // No unit below 街道/乡镇: the 社区 'hongqi' never appears.
      expect(rows.some((r) => r.unitId === 'hongqi')).toBe(false);
      // Outcomes are kept as they are: the on-time count over rows plus suppressed cases covers the cases'.
      const onTime = facts.filter((f) => f.onTime).length;
      expect(rows.filter((r) => r.sla === 'on_time').length).toBeLessThanOrEqual(onTime);
      expect(rows.filter((r) => r.sla === 'on_time').length).toBeGreaterThanOrEqual(onTime - suppressed);
    });
  }

  // (Suppression is not monotone in k: a greedy ladder at k=2 may publish pairs early and leave a single case.)
  it('a smaller k publishes finer rows', () => {
    const facts = month(300, 7);
    const k2 = kAnonymise(facts, 2, names);
    const k5 = kAnonymise(facts, 5, names);
    expect(k2.rows.filter((r) => r.datePrecision === 'day').length).toBeGreaterThan(k5.rows.filter((r) => r.datePrecision === 'day').length);
  });

  it('the same month gives the same rows in the same order (sorted by value, never by filing order)', () => {
    const facts = month(200, 9);
    const a = kAnonymise(facts, 5, names).rows;
    const b = kAnonymise(facts.slice().reverse(), 5, names).rows;
    expect(b).toEqual(a);
    expect(a[0]!.rowId).toBe('R001');
  });

  it("a county's export never coarsens above the county", () => {
    const facts = month(300, 11).filter((f) => f.unitPath.startsWith('root/hexi'));
    const { rows } = kAnonymise(facts, 5, names, 'root/hexi');
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.unitId))).not.toContain('root');
  });
});

describe('CSV (RFC 4180, UTF-8 with BOM)', () => {
  it('quotes fields with commas, quotes and line breaks; doubles quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('他说"好"')).toBe('"他说""好"""');
    expect(csvField('x\r\ny')).toBe('"x\r\ny"');
    expect(csvField('社保')).toBe('社保');
    expect(csvField('=1+1')).toBe("'=1+1");
  });
  it('starts with a BOM, has a header line and CRLF line ends', () => {
    const { rows } = kAnonymise(month(50, 13), 2, names);
    const csv = toCsv(rows);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('rowId,type,categoryId,categoryName,unitId,unitName,channel,datePrecision,filedDate,answeredDate,closedDate,sla,result,rating,ratingBy');
    expect(lines.at(-1)).toBe('');
    expect(lines.length).toBe(rows.length + 2);
  });
});
