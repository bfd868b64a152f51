import type { CaseRecord } from './case';

/** What the public listing (Open311) holds of a case: nothing personal, no free text, no exact place, no official. */
export interface PublicCaseSummary {
  caseNo: string;
  categoryId: string;
  status: string;
  /** The department answering or working it (none while at intake). */
  departmentId?: string;
  /** The place's unit (the 社区/村 or 街道/乡镇 the citizen chose, else the intake desk's unit). */
  placeUnitId?: string;
  createdAt: string;
  updatedAt: string;
  dueAt?: string;
  /** When it was answered or finished. */
  closedAt?: string;
}

/**
 * A case's public summary, derived from the case alone: what the public index (gsi9) carries beside its keys,
 * and what Open311's reads of a whole case show — the one derivation, so the two never differ. Callers keep
 * reports out (a report is never public).
 */
export function publicCaseSummary(record: CaseRecord): PublicCaseSummary {
  const departmentId = record.answer?.departmentId ?? record.departmentId;
  const closedAt = record.closedAt ?? (record.status === 'replied' ? record.answer?.at : undefined);
  const placeUnitId = record.location?.unitId ?? record.unitId;
  return {
    caseNo: record.caseNo,
    categoryId: record.categoryId,
    status: record.status,
    ...(departmentId ? { departmentId } : {}),
    ...(placeUnitId ? { placeUnitId } : {}),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.schedule?.dueAt ? { dueAt: record.schedule.dueAt } : {}),
    ...(closedAt ? { closedAt } : {}),
  };
}
