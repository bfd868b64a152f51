import { DomainError } from '@minsheng/shared';
import type { Deps } from '../deps';

export type ThrottleDeps = Pick<Deps, 'throttle'>;

/** One limit on failed logins: at most `max` attempts of `key` in a window, then 429 with `lockedMessage`. */
export interface AttemptLimit {
  key: string;
  max: number;
  /** The words of the 429, given the minutes until the window ends. */
  lockedMessage: (minutes: number) => string;
}

export interface LoginAttempt {
  /** Attempts counted so far in this window for the account (this one included). */
  readonly accountAttempts: number;
  /** 429 when either limit was already used up before this attempt (nothing may be checked then). */
  overLimit(): DomainError | undefined;
  /** 429 when this failed attempt used up a limit (citizens are told at once, not on the next try). */
  exhausted(): DomainError | undefined;
  /** The password was right: the account starts afresh, and the client gets this attempt back. */
  succeeded(): Promise<void>;
}

/**
 * Count a login attempt per account (a case number, a username) and per client, atomically and
 * BEFORE the password is checked, so simultaneous guesses cannot slip past the limit: at most
 * `account.max` passwords are ever checked for one account in a window. The one throttle behind
 * both the citizens' and the officials' logins.
 */
export async function countLoginAttempt(deps: ThrottleDeps, now: Date, windowMs: number, account: AttemptLimit, client: AttemptLimit): Promise<LoginAttempt> {
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  const windowEndsAt = windowStart + windowMs;
  const [accountAttempts, clientAttempts] = await Promise.all([
    deps.throttle.countAttempt(account.key, windowStart, windowEndsAt, 1),
    deps.throttle.countAttempt(client.key, windowStart, windowEndsAt, 1),
  ]);
  const locked = (limit: AttemptLimit) => {
    const retryAfterSeconds = Math.max(1, Math.ceil((windowEndsAt - now.getTime()) / 1000));
    return new DomainError('TOO_MANY_ATTEMPTS', { message: limit.lockedMessage(Math.ceil(retryAfterSeconds / 60)), retryAfterSeconds });
  };
  return {
    accountAttempts,
    overLimit: () => (accountAttempts > account.max ? locked(account) : clientAttempts > client.max ? locked(client) : undefined),
    exhausted: () => (accountAttempts >= account.max ? locked(account) : clientAttempts >= client.max ? locked(client) : undefined),
    async succeeded() {
      // A shared office network where many people log in correctly is never locked out by them.
      await Promise.all([deps.throttle.clearAttempts(account.key, windowStart), deps.throttle.countAttempt(client.key, windowStart, windowEndsAt, -1)]);
    },
  };
}
