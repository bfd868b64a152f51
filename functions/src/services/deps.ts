import type { CaseStore } from '../ports/case-store';
import type { HolidayCalendar } from '../ports/holidays';
import type { WeChatApi } from '../ports/wechat';
import type { TokenService } from '../lib/tokens';
import type { LibraryStore } from '../ports/library-store';
import type { LibrarySearch } from '../ports/library-search';

/** What the use cases need from the outside world; handlers pass real ones, tests may pass others. */
export interface Deps {
  store: CaseStore;
  tokens: TokenService;
  now: () => Date;
  /** Sub-key for deriving the password of an idempotent filing. */
  passwordKey: Buffer;
  /** China's official holiday calendar (admins' overrides are applied from the store). */
  holidays: HolidayCalendar;
  /** WeChat's server API; unset where WeChat is not configured (citizens are then not messaged). */
  wechat?: WeChatApi;
  /** Subscription-message template for progress updates. */
  wechatTemplateId?: string;
  /** The policy library's storage. */
  library: LibraryStore;
  /** Searching the library (this process's in-memory index, kept in step with `library`). */
  librarySearch: LibrarySearch;
}

/** Where a request came from, recorded with every event it causes. */
export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}
