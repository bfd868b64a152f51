/** Counting attempts (logins) in fixed windows. */
export interface ThrottleStore {
  /** Atomically add `delta` to the count of `key` in the window starting at `windowStart`; returns the new count. */
  countAttempt(key: string, windowStart: number, windowEndsAt: number, delta: number): Promise<number>;
  clearAttempts(key: string, windowStart: number): Promise<void>;
}
