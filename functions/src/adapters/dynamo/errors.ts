import { isTransactionCancelled, type ExecuteTransactWriteInput } from 'dynamodb-toolbox/entity/actions/transactWrite';

/** One write of a transaction (a put, update, delete or condition check built by an entity). */
export type WriteTransaction = Extract<ExecuteTransactWriteInput[number], { params: unknown }>;

/**
 * DynamoDB's failures as the stores need to tell them apart: a condition that failed (an answer —
 * the item exists, the version moved), and a transaction that collided with another (an accident:
 * worth a retry). Recognised here once, never by matching names elsewhere.
 */

/** A conditional PutItem/UpdateItem/DeleteItem whose condition did not hold. */
export function isConditionFailed(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

/** Why a transaction was cancelled, one code per item in the order written ('None' for items that were fine); [] when it was not a cancelled transaction. */
export function cancellationReasons(error: unknown): (string | undefined)[] {
  return isTransactionCancelled(error) ? (error.CancellationReasons ?? []).map((r) => r.Code) : [];
}

/** Whether item `index` of a cancelled transaction failed its condition. */
export function conditionFailedAt(error: unknown, index: number): boolean {
  return cancellationReasons(error)[index] === 'ConditionalCheckFailed';
}

export interface RetryPolicy {
  /** Whether a failure is worth running the transaction again (given its cancellation reasons). */
  retryable(reasons: (string | undefined)[], error: unknown): boolean;
  attempts: number;
  /** First backoff in ms; doubled each time, with jitter. */
  baseDelayMs: number;
}

/**
 * Run `write` until it succeeds, a failure is not retryable, or the attempts are used up — with
 * jittered exponential backoff. `write` gets the attempt number, so it can re-read what it depends on.
 */
export async function retryTransaction<T>(write: (attempt: number) => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write(attempt);
    } catch (error) {
      if (attempt >= policy.attempts - 1 || !policy.retryable(cancellationReasons(error), error)) throw error;
      await new Promise((r) => setTimeout(r, policy.baseDelayMs * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}

/**
 * Another transaction touched one of the same items at the same moment (shared counters, the
 * library version) and nothing failed its condition: the write itself was fine, try again.
 */
export const ON_CONFLICT_ONLY: RetryPolicy = {
  retryable: (reasons) => reasons.includes('TransactionConflict') && !reasons.includes('ConditionalCheckFailed'),
  attempts: 6,
  baseDelayMs: 20,
};
