import { describe, expect, it } from 'vitest';
import { toErrorResponse } from '../src/lib/errors';

const cancelled = (...codes: string[]) => Object.assign(new Error('Transaction cancelled'), { name: 'TransactionCanceledException', CancellationReasons: codes.map((Code) => ({ Code })) });

describe('storage under load answers 503 with Retry-After, not 500', () => {
  it('a transaction DynamoDB throttled, or that still collides with other writers, may succeed later', () => {
    for (const error of [cancelled('None', 'ThrottlingError'), cancelled('TransactionConflict', 'None'), cancelled('ProvisionedThroughputExceeded')]) {
      const res = toErrorResponse(error);
      expect(res.statusCode).toBe(503);
      expect(res.body.error.code).toBe('STORAGE_UNAVAILABLE');
      expect(res.headers['Retry-After']).toBe('5');
    }
  });

  it('a transaction whose condition failed is not an outage (the stores answer it), and an unknown failure stays a 500', () => {
    expect(toErrorResponse(cancelled('ConditionalCheckFailed', 'TransactionConflict')).statusCode).toBe(500);
    expect(toErrorResponse(new Error('bug')).statusCode).toBe(500);
  });
});
