import type { CaseQueues, CaseStore, CredentialStore } from '../ports/cases';
import type { CaseSearchIndex } from '../ports/case-search';
import type { HolidayCalendar } from '../ports/holidays';
import type { LibraryIndexer, LibrarySearch } from '../ports/library-search';
import type { LibraryStore } from '../ports/library-store';
import type { NotificationStore } from '../ports/notifications';
import type { OfficialStore } from '../ports/officials';
import type { ReferenceStore } from '../ports/reference-data';
import type { SlaSettingsStore } from '../ports/sla-settings';
import type { StatsStore } from '../ports/statistics';
import type { QueueCountStore } from '../ports/queue-counts';
import type { ThrottleStore } from '../ports/throttle';
import type { WeChatApi } from '../ports/wechat';
import type { CitizenLinkStore } from '../ports/citizen-links';
import type { SmsApi, SmsTemplates } from '../ports/sms';
import type { RecoveryCodeStore } from '../ports/recovery-codes';
import type { TokenService } from '../lib/tokens';
import type { ObjectStorage } from '../ports/storage';
import type { UploadStore } from '../ports/uploads';
import type { ImageSanitiser } from '../ports/sanitiser';
import type { Open311PartnerStore, PublicCaseIndex } from '../ports/open311';
import type { AssessmentStore } from '../ports/assessment';
import type { AssessmentWeights } from '@minsheng/shared';

/**
 * Everything a use case may need from the outside world, one small port per concern. A use case
 * takes only the ones it uses (`Pick<Deps, 'cases' | 'now'>`), so a unit test hands it fakes of
 * those alone; the composition root (app/) wires the real ones, per route.
 */
export interface Deps {
  /** Cases and their timeline/audit events. */
  cases: CaseStore;
  /** Officials' queues and the SLA timers' due steps. */
  queues: CaseQueues;
  /** Finding cases by phone and words (and duplicate candidates): the index kept from the stream. */
  caseSearch: CaseSearchIndex;
  /** Password hashes and idempotency records. */
  credentials: CredentialStore;
  /** Categories and departments. */
  reference: ReferenceStore;
  officials: OfficialStore;
  /** Login-attempt counters. */
  throttle: ThrottleStore;
  /** Outbox, inboxes, WeChat send claims. */
  notifications: NotificationStore;
  stats: StatsStore;
  /** Exact counts of the queues, kept from the table's stream (the queue counter). */
  queueCounts: QueueCountStore;
  /** Admins' SLA policies and holiday-calendar overrides. */
  slaSettings: SlaSettingsStore;
  /** China's official holiday calendar (admins' overrides are applied from slaSettings). */
  holidays: HolidayCalendar;
  /** The policy library's storage. */
  library: LibraryStore;
  /** Searching the library (this process's in-memory index, kept in step with `library`). */
  librarySearch: LibrarySearch;
  /** Rebuilds the search index snapshot cold searches load (jobs/library-indexer.ts). */
  libraryIndexer: LibraryIndexer;
  tokens: TokenService;
  now: () => Date;
  /** Sub-key for deriving the password of an idempotent filing. */
  passwordKey: Buffer;
  /** WeChat's server API; unset where WeChat is not configured (citizens are then not messaged). */
  wechat?: WeChatApi;
  /** Subscription-message template for progress updates. */
  wechatTemplateId?: string;
  /** Which cases a WeChat user or a phone number has (keyed hashes, never in the clear). */
  links: CitizenLinkStore;
  /** Key of the keyed hashes of openids and phone numbers (services/citizen/identity.ts). */
  identityKey: Buffer;
  /** Key of the status keys (services/citizen/status-key.ts): a saved case's status without its password. */
  statusKeyKey: Buffer;
  /** The SMS provider; unset where SMS is not configured (citizens are then not texted, and recovery by SMS is unavailable). */
  sms?: SmsApi;
  smsTemplates?: SmsTemplates;
  /** Progress SMS per phone per Shanghai day (SMS_DAILY_CAP_PER_PHONE). */
  smsDailyCap: number;
  /** One-time recovery codes sent by SMS. */
  recoveryCodes: RecoveryCodeStore;
  /** Key of the keyed hashes of recovery codes. */
  recoveryKey: Buffer;
  /** The evidence bucket (photos and documents). */
  storage: ObjectStorage;
  /** Uploads on their way to a case. */
  uploads: UploadStore;
  /** Re-encodes images with no metadata (sharp). */
  sanitiser: ImageSanitiser;
  /** Open311 partners and their keys' hashes. */
  open311Partners: Open311PartnerStore;
  /** The public listing of cases by filing time (Open311 GET requests). */
  publicCases: PublicCaseIndex;
  /** Key of the keyed hashes of Open311 api_keys. */
  open311Key: Buffer;
  /** 考核: exemption lists and published rankings. */
  assessment: AssessmentStore;
  /** 考核 weights (ASSESSMENT_WEIGHTS, or the defaults) and where they come from. */
  assessmentWeights: { weights: AssessmentWeights; source: string };
  /** Tests only: overrides how long a recovery-code answer waits at least (services/citizen/recovery.ts). */
  recoveryAnswerFloorMs?: number;
}

export type { ClientInfo } from '../lib/http';
