import type { CaseStore } from '../ports/case-store';
import type { HolidayCalendar } from '../ports/holidays';
import type { WeChatApi } from '../ports/wechat';
import type { TokenService } from '../lib/tokens';

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
}

/** Where a request came from, recorded with every event it causes. */
export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}
