/** The 开放数据 page's months: only months that have ended (the API refuses the current one), in Shanghai time. */
import { describe, expect, it } from 'vitest';
import { endedMonths } from '../src/lib/months';

describe('endedMonths', () => {
  it('lists the months before the current Shanghai month, newest first, across a year end', () => {
    expect(endedMonths(new Date('2030-02-10T02:00:00Z'), 4)).toEqual(['2030-01', '2029-12', '2029-11', '2029-10']);
  });
  it('31 January 16:30 UTC is already 1 February in Shanghai: January has ended', () => {
    expect(endedMonths(new Date('2030-01-31T16:30:00Z'), 1)).toEqual(['2030-01']);
    expect(endedMonths(new Date('2030-01-31T15:30:00Z'), 1)).toEqual(['2029-12']);
  });
});
