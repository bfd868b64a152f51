/** The four kinds of case a citizen can file. */
export const CASE_TYPES = ['consultation', 'complaint', 'report', 'suggestion'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const CASE_TYPE_LABELS: Record<CaseType, string> = {
  consultation: '政策咨询',
  complaint: '投诉',
  report: '举报',
  suggestion: '建议',
};

/** Every status a case can be in; see DESIGN.md "Case lifecycle". */
export const CASE_STATUSES = [
  'submitted',
  'in_progress',
  'awaiting_citizen',
  'replied',
  'closed',
  'rejected',
  'merged',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  submitted: '待受理',
  in_progress: '办理中',
  awaiting_citizen: '待补充材料',
  replied: '已答复',
  closed: '已办结',
  rejected: '不予受理',
  merged: '已合并',
  withdrawn: '已撤回',
};

/** Statuses in which the case is finished and nothing more is owed to the citizen. */
export const FINAL_STATUSES: readonly CaseStatus[] = ['closed', 'rejected', 'merged', 'withdrawn'];

/** The three answers a citizen can give when rating a reply. */
export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export const RATING_LABELS: Record<Rating, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

/** Days a citizen has to rate a reply before the case closes unrated. */
export const RATING_WINDOW_DAYS = 7;

/** Officials' roles, plus the citizen and the system (timers) as actors. */
export const OFFICIAL_ROLES = ['intake', 'handler', 'supervisor', 'admin'] as const;
export type OfficialRole = (typeof OFFICIAL_ROLES)[number];
export type ActorRole = OfficialRole | 'citizen' | 'system';

export const ROLE_LABELS: Record<ActorRole, string> = {
  intake: '受理员',
  handler: '承办人',
  supervisor: '督办',
  admin: '管理员',
  citizen: '群众',
  system: '系统',
};

/** Limits of the filing form, counted in characters (Unicode code points), not UTF-16 units. */
export const LIMITS = {
  titleMax: 100,
  contentMax: 4000,
  supplementMax: 4000,
  commentMax: 500,
  nameMax: 50,
  locationTextMax: 200,
  reasonMax: 1000,
  /** A citizen's reason for withdrawing a case (optional). */
  withdrawReasonMax: 200,
  /** Largest request body the API accepts, in bytes. */
  bodyBytesMax: 64 * 1024,
} as const;
