import { CASE_STATUS_LABELS, type CaseStatus } from '@minsheng/shared';
import { trackStatuses } from './api';
import type { CaseStatusItem, RememberedCase } from './types';

/** What the remembered-cases list shows of a case: its status and whether it moved since last looked at. */
export interface RememberedStatus {
  status: CaseStatus;
  label: string;
  /** When the case last moved (the server's), to tell 有新进展 again once the case page was seen. */
  progressAt: string;
  /** 有新进展: progress newer than what this device last saw on the case page. */
  fresh: boolean;
}

/** The API takes at most this many cases in one request. */
export const STATUS_BATCH_MAX = 50;

/**
 * Whether a case has progress the citizen has not seen here. Never opened on this device: any status
 * past 待受理 is news (filing itself is the first progress, seen on the credentials page).
 */
export function hasNewProgress(entry: Pick<RememberedCase, 'lastSeenProgressAt'>, item: { status: CaseStatus; progressAt: string }): boolean {
  if (!entry.lastSeenProgressAt) return item.status !== 'submitted';
  const seen = Date.parse(entry.lastSeenProgressAt);
  const now = Date.parse(item.progressAt);
  return Number.isFinite(now) && (!Number.isFinite(seen) || now > seen);
}

/** The body of `POST /api/track/status`: the remembered cases that have a status key (newest first, at most 50). */
export function statusQuery(cases: RememberedCase[]): { caseNo: string; statusKey: string }[] {
  return cases
    .filter((c): c is RememberedCase & { statusKey: string } => typeof c.statusKey === 'string' && c.statusKey.length > 0)
    .slice(0, STATUS_BATCH_MAX)
    .map((c) => ({ caseNo: c.caseNo, statusKey: c.statusKey }));
}

/** The answer, by case number; a case not found (e.g. its password was reset elsewhere) shows no status. */
export function statusesByCase(cases: RememberedCase[], items: CaseStatusItem[]): Record<string, RememberedStatus> {
  const out: Record<string, RememberedStatus> = {};
  for (const item of items) {
    const entry = cases.find((c) => c.caseNo === item.caseNo);
    if (!entry || !item.found) continue;
    out[item.caseNo] = { status: item.status, label: CASE_STATUS_LABELS[item.status] ?? item.status, progressAt: item.progressAt, fresh: hasNewProgress(entry, item) };
  }
  return out;
}

/**
 * The statuses last fetched, told again against what this device now remembers: back from the case
 * page, its 有新进展 is gone at once, not only when the next answer arrives.
 */
export function retold(statuses: Record<string, RememberedStatus>, cases: RememberedCase[]): Record<string, RememberedStatus> {
  const out: Record<string, RememberedStatus> = {};
  for (const c of cases) {
    const s = statuses[c.caseNo];
    if (s) out[c.caseNo] = { ...s, fresh: hasNewProgress(c, s) };
  }
  return out;
}

/** Every remembered case's status in ONE request; nothing to ask, nothing sent. */
export async function fetchRememberedStatuses(cases: RememberedCase[]): Promise<Record<string, RememberedStatus>> {
  const query = statusQuery(cases);
  if (query.length === 0) return {};
  const { items } = await trackStatuses(query);
  return statusesByCase(cases, Array.isArray(items) ? items : []);
}
