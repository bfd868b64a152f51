import { describe, expect, it } from 'vitest';
import { toCsv } from '../src/lib/csv';

describe('CSV export', () => {
  it('starts with a UTF-8 byte-order mark so Excel reads the Chinese, and ends lines with CRLF', () => {
    const csv = toCsv([['部门', '已答复'], ['人力资源和社会保障局', 3]]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.slice(1)).toBe('部门,已答复\r\n人力资源和社会保障局,3\r\n');
  });

  it('quotes commas, quotes and line breaks, and leaves empty cells empty', () => {
    expect(toCsv([['a,b', 'say "hi"', 'two\nlines', undefined, null, 0]]).slice(1)).toBe('"a,b","say ""hi""","two\nlines",,,0\r\n');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(toCsv([['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)']]).slice(1)).toBe(`"'=HYPERLINK(""x"")",'+1,'-2,'@SUM(A1)\r\n`);
    // Numbers stay numbers, negative ones included.
    expect(toCsv([[-2, 12.5]]).slice(1)).toBe('-2,12.5\r\n');
  });
});

describe('figures in words', () => {
  it('says the average time to answer in days, hours or minutes', async () => {
    const { formatHours, formatPercent } = await import('../src/lib/format');
    expect(formatHours(undefined)).toBe('—');
    expect(formatHours(0)).toBe('不到 6 分钟');
    expect(formatHours(0.5)).toBe('30 分钟');
    expect(formatHours(5.25)).toBe('5.3 小时');
    expect(formatHours(72)).toBe('3.0 天');
    expect(formatPercent(87.5)).toBe('87.5%');
    expect(formatPercent(undefined)).toBe('—');
  });
});
