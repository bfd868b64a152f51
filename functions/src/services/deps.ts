import type { WorkingCalendar } from '@minsheng/shared';
import type { CaseStore } from '../ports/case-store';
import type { TokenService } from '../lib/tokens';

/** What the use cases need from the outside world; handlers pass real ones, tests may pass others. */
export interface Deps {
  store: CaseStore;
  tokens: TokenService;
  now: () => Date;
  /** Sub-key for deriving the password of an idempotent filing. */
  passwordKey: Buffer;
  calendar?: WorkingCalendar;
}

/** Where a request came from, recorded with every event it causes. */
export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}
