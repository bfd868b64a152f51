import { createHmac } from 'node:crypto';
import { DomainError, SLA_SHARDS, awaitsRevisit, countyOf, revisitAttempts, deadlines, isActivePart, openDataFacts, publicCaseSummary, shardOf, toShanghaiDate, type CasePart, type CaseRecord, type PublicCaseSummary } from '@minsheng/shared';
import type { CaseQuery, CaseSummary } from '../../ports/cases';
import { indexKey } from './keys';
import { KEYS } from './table';

const OPEN_RUNNING = new Set(['submitted', 'in_progress']);
const OPEN = new Set(['submitted', 'in_progress', 'awaiting_citizen']);
const FINISHED = new Set(['closed', 'rejected', 'merged', 'withdrawn']);

/**
 * Index keys of a case, derived from the case itself on every write so they can never drift:
 * gsi1 the work queue it is on, gsi2 open running cases by due date (and a department's finished
 * cases), gsi3 its owner, gsi4 escalated, gsi5 the timers' next step; below the root, gsi6 its
 * county's open/finished cases and gsi7 its county's escalated ones (the city-wide gsi2/gsi4/gsi1
 * partitions carry every case, so the root's views are unchanged); gsi8 its phone's keyed hash, gsi9 the
 * public listing (every case but a report, by Shanghai month of filing), gsi10 the open data (every case, by
 * Shanghai month of filing and 区/县).
 */
export function caseIndexKeys(record: CaseRecord, phoneHash?: string): Record<string, string> {
  // The schedule is derived by the services with the working calendar; older items fall back to natural days.
  const due = record.schedule?.dueAt ?? deadlines(record.clock, new Date(record.updatedAt)).dueAt.toISOString();
  const byDue = `${due}#${record.caseNo}`;
  const keys: Record<string, string> = {};
  const answeringDept = record.answer?.departmentId ?? record.departmentId;
  switch (record.status) {
    case 'submitted':
      Object.assign(keys, { gsi1pk: indexKey.intakeQueueOf(record.unitId), gsi1sk: byDue });
      break;
    case 'in_progress':
    case 'awaiting_citizen':
      Object.assign(keys, { gsi1pk: indexKey.departmentQueue(record.departmentId!), gsi1sk: byDue });
      break;
    case 'replied':
      Object.assign(keys, { gsi1pk: indexKey.repliedQueue(answeringDept), gsi1sk: `${record.answer?.at ?? record.updatedAt}#${record.caseNo}` });
      break;
    default:
      Object.assign(keys, { gsi1pk: indexKey.closedQueue, gsi1sk: `${record.closedAt ?? record.updatedAt}#${record.caseNo}` });
  }
  if (OPEN_RUNNING.has(record.status)) Object.assign(keys, { gsi2pk: indexKey.openByDue, gsi2sk: byDue });
  // Finished cases of a department, newest first (a handler's closed queue), on the same index.
  if (FINISHED.has(record.status) && answeringDept) {
    Object.assign(keys, { gsi2pk: indexKey.closedOfDepartment(answeringDept), gsi2sk: `${record.closedAt ?? record.updatedAt}#${record.caseNo}` });
  }
  if (record.ownerId) Object.assign(keys, { gsi3pk: indexKey.owner(record.ownerId), gsi3sk: `${record.updatedAt}#${record.caseNo}` });
  if (OPEN.has(record.status) && (record.slaReached === 'overdue' || record.slaReached === 'severe')) {
    Object.assign(keys, { gsi4pk: indexKey.escalated, gsi4sk: byDue });
  }
  const county = countyOf(record.unitPath);
  if (county) {
    if (OPEN_RUNNING.has(record.status)) Object.assign(keys, { gsi6pk: indexKey.countyOpen(county), gsi6sk: byDue });
    if (FINISHED.has(record.status)) Object.assign(keys, { gsi6pk: indexKey.countyClosed(county), gsi6sk: `${record.closedAt ?? record.updatedAt}#${record.caseNo}` });
    if (keys.gsi4pk) Object.assign(keys, { gsi7pk: indexKey.countyEscalated(county), gsi7sk: byDue });
  }
  // 回访: a replied case (not given up on as 联系不上) by the time of its answer, city-wide on gsi2 and, below
  // the root, on its county's gsi6 partition. Due is "answered before now − revisitDays": a range on the
  // key read at query time, so a policy change applies at once to every case, with nothing rewritten.
  if (awaitsRevisit(record)) {
    const byAnswer = `${record.answer?.at ?? record.updatedAt}#${record.caseNo}`;
    Object.assign(keys, { gsi2pk: indexKey.revisitDue, gsi2sk: byAnswer });
    if (county) Object.assign(keys, { gsi6pk: indexKey.countyRevisit(county), gsi6sk: byAnswer });
  }
  // The phone's keyed hash (never the number): the cases a caller gave it on, newest first.
  if (phoneHash) Object.assign(keys, { gsi8pk: indexKey.phone(phoneHash), gsi8sk: `${record.createdAt}#${record.caseNo}` });
  // The public listing (Open311 GET requests): every case but a report (举报 is never public), by filing month.
  if (record.type !== 'report') {
    Object.assign(keys, { gsi9pk: indexKey.publicMonth(toShanghaiDate(new Date(record.createdAt)).slice(0, 7)), gsi9sk: `${record.createdAt}#${record.caseNo}` });
  }
  // Open data (issue #18): every case under the Shanghai month it was filed in and its 区/县 (or `root`), by filing time.
  Object.assign(keys, { gsi10pk: indexKey.filedInMonth(toShanghaiDate(new Date(record.createdAt)).slice(0, 7), countyOf(record.unitPath) ?? 'root'), gsi10sk: `${record.createdAt}#${record.caseNo}` });
  if (record.schedule?.next) {
    Object.assign(keys, { gsi5pk: indexKey.slaShard(shardOf(record.caseNo, SLA_SHARDS)), gsi5sk: `${record.schedule.next.at}#${record.caseNo}` });
  }
  return keys;
}

/**
 * The queue summary attribute: the one non-key attribute the queues' indexes (gsi1–gsi4, gsi6, gsi7) project
 * (serverless.yml, `ProjectionType: INCLUDE`). A map, so the table's limit of 100 projected
 * attributes is never near, whatever a row comes to show.
 */
export const QUEUE_SUMMARY_ATTR = 'qs';

/** The open-data facts attribute (openDataFacts): the one non-key attribute gsi10 projects — nothing personal, no text. */
export const OPEN_DATA_ATTR = 'od';

/** What a queue row shows of a case (toListItem) and what the queue filters look at: nothing of its text but the title. */
export function queueSummary(record: CaseRecord): CaseSummary {
  return {
    caseNo: record.caseNo,
    type: record.type,
    categoryId: record.categoryId,
    title: record.title,
    status: record.status,
    ...(record.departmentId ? { departmentId: record.departmentId } : {}),
    ...(record.answer?.departmentId ? { answerDepartmentId: record.answer.departmentId } : {}),
    ...(record.ownerId ? { ownerId: record.ownerId } : {}),
    ...(record.unitPath ? { unitPath: record.unitPath } : {}),
    createdAt: record.createdAt,
    clock: record.clock,
    version: record.version,
    ...(record.status === 'replied' && record.answer ? { answeredAt: record.answer.at, revisitAttempts: revisitAttempts(record) } : {}),
  };
}

/** The public summary attribute: the one non-key attribute gsi9 (the public listing) projects. */
export const PUBLIC_SUMMARY_ATTR = 'pub';

/**
 * What the public listing may show of a case: no text, no contact, no exact place (the place's unit
 * only), no official — so the index behind a public route holds nothing that is not public. None for a report.
 */
export function publicSummary(record: CaseRecord): PublicCaseSummary | undefined {
  return record.type === 'report' ? undefined : publicCaseSummary(record);
}

/** A 协办 part as stored: on its department's 协办 queue (gsi1) while expected, with the case's summary. */
export function partItem(part: CasePart, c: CaseRecord): CasePart & Record<string, unknown> {
  if (!isActivePart(part)) return { ...part };
  return {
    ...part,
    gsi1pk: indexKey.assistingQueue(part.departmentId),
    gsi1sk: `${part.dueAt}#${part.caseNo}`,
    [QUEUE_SUMMARY_ATTR]: { ...queueSummary(c), part: { departmentId: part.departmentId, dueAt: part.dueAt, status: part.status } },
  };
}

/** A case as stored: the record, its index keys and its queue summary, all derived on every write (`phoneKey`: the phone-search key, see phoneHash). */
export function caseItem(record: CaseRecord, phoneKey?: Buffer): CaseRecord & Record<string, unknown> {
  const phone = record.contact?.phone;
  const pub = publicSummary(record);
  return {
    ...record,
    ...caseIndexKeys(record, phoneKey && phone ? phoneHash(phoneKey, phone) : undefined),
    [QUEUE_SUMMARY_ATTR]: queueSummary(record),
    ...(pub ? { [PUBLIC_SUMMARY_ATTR]: pub } : {}),
    [OPEN_DATA_ATTR]: openDataFacts(record),
  };
}

/** A phone number as compared: its digits without separators and without a +86 before a mobile number. */
export function phoneDigits(phone: string): string {
  return phone.replace(/[\s\-()]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
}

/** The keyed hash a phone is indexed under (HMAC-SHA256, base64url): the number is never in a key. */
export function phoneHash(phoneKey: Buffer, phone: string): string {
  return createHmac('sha256', phoneKey).update(phoneDigits(phone)).digest('base64url');
}

export const INDEX_ATTRS = Object.values(KEYS.indexes).flatMap((k) => [k.partitionKey, k.sortKey]);

/** Stored items carry their index keys and queue summary; the domain shapes never do. */
export function withoutIndexAttrs<T extends Record<string, unknown>>(item: T): T {
  const out: Record<string, unknown> = { ...item };
  for (const attr of INDEX_ATTRS) delete out[attr];
  delete out[QUEUE_SUMMARY_ATTR];
  delete out[PUBLIC_SUMMARY_ATTR];
  delete out[OPEN_DATA_ATTR];
  return out as T;
}

type IndexName = keyof typeof KEYS.indexes;
type RangeCondition = { between: [string, string] } | { lt: string } | { gte: string };

/** Which index, partition and range each officials' list reads. */
export function queueKeys(query: CaseQuery): { index: IndexName; partition: string; range?: RangeCondition; reverse: boolean } {
  const dueRange = (q: { dueBefore?: string; dueFrom?: string }): RangeCondition | undefined =>
    q.dueFrom && q.dueBefore ? { between: [q.dueFrom, q.dueBefore] } : q.dueBefore ? { lt: q.dueBefore } : q.dueFrom ? { gte: q.dueFrom } : undefined;
  switch (query.kind) {
    case 'intake':
      return { index: 'gsi1', partition: indexKey.intakeQueueOf(query.unitId), reverse: false };
    case 'department': {
      const range = dueRange(query);
      return { index: 'gsi1', partition: indexKey.departmentQueue(query.departmentId), ...(range ? { range } : {}), reverse: false };
    }
    case 'assisting':
      return { index: 'gsi1', partition: indexKey.assistingQueue(query.departmentId), reverse: false };
    case 'answered':
      return { index: 'gsi1', partition: indexKey.repliedQueue(query.departmentId), reverse: true };
    case 'closed':
      return query.departmentId
        ? { index: 'gsi2', partition: indexKey.closedOfDepartment(query.departmentId), reverse: true }
        : query.county
          ? { index: 'gsi6', partition: indexKey.countyClosed(query.county), reverse: true }
          : { index: 'gsi1', partition: indexKey.closedQueue, reverse: true };
    case 'owner':
      return { index: 'gsi3', partition: indexKey.owner(query.officialId), reverse: true };
    case 'escalated':
      return query.county ? { index: 'gsi7', partition: indexKey.countyEscalated(query.county), reverse: false } : { index: 'gsi4', partition: indexKey.escalated, reverse: false };
    case 'revisit':
      return query.county
        ? { index: 'gsi6', partition: indexKey.countyRevisit(query.county), range: { lt: query.answeredBefore }, reverse: false }
        : { index: 'gsi2', partition: indexKey.revisitDue, range: { lt: query.answeredBefore }, reverse: false };
    case 'open_by_due': {
      const range = dueRange(query);
      return query.county
        ? { index: 'gsi6', partition: indexKey.countyOpen(query.county), ...(range ? { range } : {}), reverse: false }
        : { index: 'gsi2', partition: indexKey.openByDue, ...(range ? { range } : {}), reverse: false };
    }
  }
}

/**
 * Exact queue counts (issue #16): every index partition a queue reads is counted, except the open-by-due
 * ones (their queues are windows of time: 即将超期, 已超期). Below a county, a township's view reads its county's
 * partition filtered to its subtree (`withinPath`), so gsi6/gsi7 memberships are also counted per unit of the
 * case's path below the county (`…@<unitId>`).
 */
const COUNTED_INDEXES = ['gsi1', 'gsi2', 'gsi3', 'gsi4', 'gsi6', 'gsi7'] as const;
const isOpenByDue = (partition: string) => partition === indexKey.openByDue || partition.endsWith('#OPEN');

/** The count keys of a stored item (a case, a 协办 part): one per counted index partition it sits in. */
export function queueCountKeysOf(item: Record<string, unknown> | undefined): string[] {
  if (!item) return [];
  const out: string[] = [];
  const unitPath = (item[QUEUE_SUMMARY_ATTR] as { unitPath?: unknown } | undefined)?.unitPath ?? item.unitPath;
  const belowCounty = typeof unitPath === 'string' ? unitPath.split('/').slice(2).filter(Boolean) : [];
  for (const index of COUNTED_INDEXES) {
    const partition = item[KEYS.indexes[index].partitionKey];
    if (typeof partition !== 'string' || isOpenByDue(partition)) continue;
    out.push(`${index}|${partition}`);
    if (index === 'gsi6' || index === 'gsi7') for (const unit of belowCounty) out.push(`${index}|${partition}@${unit}`);
  }
  return out;
}

/**
 * The count key of a queue's Query, or undefined for a window of time — a due-date range (即将超期, 已超期) or the
 * answers old enough for a return visit (回访) — which no partition's count follows.
 */
export function queueCountKey(query: CaseQuery): string | undefined {
  if (('dueBefore' in query && query.dueBefore) || ('dueFrom' in query && query.dueFrom) || ('answeredBefore' in query && query.answeredBefore)) return undefined;
  const { index, partition } = queueKeys(query);
  if (isOpenByDue(partition)) return undefined;
  const within = 'withinPath' in query ? query.withinPath : undefined;
  return within ? `${index}|${partition}@${within.split('/').filter(Boolean).at(-1)}` : `${index}|${partition}`;
}

export function encodeCursor(lastKey: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(lastKey)).toString('base64url');
}

/** A cursor is only accepted for the list it came from: it cannot open another partition. */
export function decodeCursor(cursor: string, index: IndexName, partition: string): Record<string, unknown> {
  const invalid = () => new DomainError('VALIDATION_FAILED', { fields: { cursor: '翻页标记无效，请从第一页重新开始' } });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid();
  const entries = Object.entries(parsed as Record<string, unknown>);
  const allowed = new Set<string>([KEYS.partitionKey, KEYS.sortKey, ...INDEX_ATTRS]);
  if (!entries.every(([k, v]) => allowed.has(k) && typeof v === 'string')) throw invalid();
  if ((parsed as Record<string, unknown>)[KEYS.indexes[index].partitionKey] !== partition) throw invalid();
  return parsed as Record<string, unknown>;
}
