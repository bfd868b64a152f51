import { addDays, toShanghaiDate } from '@minsheng/shared';

/** The last `n` Shanghai months that have ended before `now`, newest first (the ones the API exports). */
export function endedMonths(now: Date, n: number): string[] {
  const months: string[] = [];
  let firstOfMonth = `${toShanghaiDate(now).slice(0, 7)}-01`;
  for (let i = 0; i < n; i++) {
    const previous = addDays(firstOfMonth, -1).slice(0, 7);
    months.push(previous);
    firstOfMonth = `${previous}-01`;
  }
  return months;
}
