import type { AttachmentRecord } from './attachments';
import type { CaseStatus, CaseType, Rating } from './case-types';
import type { SlaClock, SlaLevel } from './sla-clock';
import type { DispatchRecord } from './dispatch';
import type { CaseChannel } from './channels';
import type { RevisitRecord } from './revisit';
import type { AnswerResult } from './answer-results';

export interface Contact {
  name?: string;
  phone?: string;
}

export interface Place {
  text?: string;
  /** The unit of the jurisdiction tree the place lies in (picked by the citizen or intake; the text stays free). */
  unitId?: string;
  lat?: number;
  lng?: number;
}

export interface Answer {
  text: string;
  at: string;
  departmentId: string;
  officialId: string;
  /** 答复结果 (required on every reply since issue #16; absent on answers given before). */
  result?: AnswerResult;
  /** 还利于民: the amount recovered for the citizen, in fen (officials only; never shown to the citizen). */
  amountRecoveredFen?: number;
}

export interface RatingRecord {
  rating: Rating;
  comment?: string;
  at: string;
  /** Which answer round this rates (1 = first reply, 2 = reply after reopening). */
  round: number;
  /** `revisit`: obtained by intake on a return visit (回访), by `by`; absent: the citizen's own. */
  source?: 'revisit';
  by?: string;
}

export interface Supplement {
  content: string;
  at: string;
}

export interface Extension {
  status: 'pending' | 'approved' | 'denied';
  days: number;
  reason: string;
  requestedAt: string;
  requestedBy: string;
  decidedAt?: string;
  decidedBy?: string;
  decisionNote?: string;
}

/** A case as the domain sees it (credentials live beside it, never in it). */
export interface CaseRecord {
  caseNo: string;
  type: CaseType;
  categoryId: string;
  title: string;
  content: string;
  status: CaseStatus;
  /** Optimistic-concurrency version: every change writes version + 1 on the condition it was read. */
  version: number;
  createdAt: string;
  updatedAt: string;
  anonymous: boolean;
  /** How it came in (来源渠道); absent on cases from before channels were recorded: miniprogram (channelOf). */
  channel?: CaseChannel;
  /** The Open311 partner whose api_key filed it (channel `open311`). */
  partnerId?: string;
  /** The intake officer who filed it on behalf of a caller (受理员代为登记), by login name. */
  filedBy?: string;
  contact?: Contact;
  location?: Place;
  publishConsent: boolean;
  departmentId?: string;
  /**
   * The unit of the jurisdiction tree that holds the case now: the unit whose intake has it while it
   * awaits acceptance, the lead department's unit once dispatched. `unitPath` is that unit's path as of
   * the write (see jurisdiction.ts), from which the scoped index keys and statistics are derived. Absent
   * on cases from before the tree: they belong to the root.
   */
  unitId?: string;
  unitPath?: string;
  /** Who dispatched it to its department, from which unit, with what 交办意见; send-backs and disputes (see dispatch.ts). */
  dispatch?: DispatchRecord;
  /** The intake officer who accepted it and answers for it until it ends (首问负责). */
  ownerId?: string;
  clock: SlaClock;
  /** Highest SLA level reached, as recorded by the timers; never goes down. */
  slaReached: SlaLevel;
  /**
   * Derived on every write from the clock and the working calendar (see withSlaSchedule): the due
   * date as of the write, and the next SLA step the timers must take and when. Indexed, so queues
   * sort by urgency and the sweep finds due work without reading anything else.
   */
  schedule?: { dueAt: string; next?: { level: Exclude<SlaLevel, 'normal'>; at: string } };
  /**
   * When the citizen last had something new to see: the filing, then every event of a kind the
   * citizen sees (EVENT_KINDS[kind].citizenSees), set in the write of that event. "My cases" compare
   * it with when each linked identity last opened the case (unread progress).
   */
  progressAt?: string;
  /** Whether the phone given at filing receives progress SMS (set only when a phone was given). */
  sms?: { optIn: boolean };
  /** A citizen who subscribed in WeChat to progress messages for this case. */
  subscription?: { openid: string; templateIds: string[]; at: string };
  /** The question put to the citizen while awaiting them. */
  pendingQuestion?: string;
  supplements: Supplement[];
  answer?: Answer;
  /** The first reply (round 1), kept for statistics: when, whether before the due date, by whom. */
  firstAnswer?: { at: string; onTime: boolean; departmentId: string };
  /** Answer round: 1, or 2 after an unsatisfied rating reopened the case. */
  round: number;
  ratings: RatingRecord[];
  extension?: Extension;
  mergedInto?: string;
  rejectReason?: string;
  /** The citizen's reason, when they withdrew the case before acceptance and gave one. */
  withdrawReason?: string;
  closedAt?: string;
  closeReason?: 'rated' | 'unrated' | 'official';
  /** 回访: unreachable attempts for the current answer round (see revisit.ts). */
  revisit?: RevisitRecord;
  /** Set when a second unsatisfied rating sends the case to supervisors for review. */
  reviewRequired?: boolean;
  /** 免于考核: a supervisor found it an unreasonable demand (不合理诉求); it leaves the assessment (assessment.ts), nothing else. */
  exemption?: { by: string; at: string; reason: string };
  /** Sanitised photos and documents (the citizen's and the officials'), oldest first. */
  attachments?: AttachmentRecord[];
}
