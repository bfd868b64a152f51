import { DomainError, ROOT_UNIT_ID, unitsById, type CaseRecord, type Unit } from '@minsheng/shared';
import type { Department } from '../../ports/reference-data';

/** Lowest level with an intake desk: 社区/村 (level 4) have none, their 街道/乡镇 takes the case. */
const LOWEST_INTAKE_LEVEL = 3;

/** The statuses in which a case is with a department (the department's unit holds it). */
const WITH_DEPARTMENT = new Set<CaseRecord['status']>(['in_progress', 'awaiting_citizen', 'replied']);

/** `unitId`/`unitPath` set for `unitId` (absent for the root: records without a unit belong to it). */
function at(record: CaseRecord, units: ReadonlyMap<string, Unit>, unitId: string | undefined): CaseRecord {
  const { unitId: _u, unitPath: _p, ...rest } = record;
  const unit = unitId ? units.get(unitId) : undefined;
  if (!unit || unit.id === ROOT_UNIT_ID) return rest as CaseRecord;
  return { ...rest, unitId: unit.id, unitPath: unit.path } as CaseRecord;
}

/**
 * Where a case sits, derived on every write (filing and every change): while it is with a
 * department (in progress, awaiting the citizen, replied, and finished after an answer) the unit of
 * that department (the root when the department names none); while it awaits acceptance, the unit
 * filing (or a move up or back) set; `unitPath` is that unit's path as of the write.
 */
export function placeCase(record: CaseRecord, units: readonly Unit[], departments: readonly Department[]): CaseRecord {
  const byId = unitsById(units);
  const deptId =
    WITH_DEPARTMENT.has(record.status) || (record.status !== 'submitted' && record.answer)
      ? (record.answer?.departmentId ?? record.departmentId)
      : undefined;
  if (deptId) {
    const dept = departments.find((d) => d.id === deptId);
    return at(record, byId, dept?.unitId ?? ROOT_UNIT_ID);
  }
  return at(record, byId, record.unitId);
}

/**
 * The unit a filing is placed in: the place's unit if it has an intake desk (level ≤ 3), else its
 * level-3 ancestor; no place, or a disabled unit → the root. A unit that does not exist is a 400.
 */
export function filingUnitId(unitId: string | undefined, units: readonly Unit[]): string | undefined {
  if (!unitId) return undefined;
  const byId = unitsById(units);
  const unit = byId.get(unitId);
  if (!unit) throw new DomainError('VALIDATION_FAILED', { fields: { 'location.unitId': '所在地区不存在' } });
  if (!unit.active) return undefined;
  if (unit.level <= LOWEST_INTAKE_LEVEL) return unit.id === ROOT_UNIT_ID ? undefined : unit.id;
  const ancestorId = unit.path.split('/')[LOWEST_INTAKE_LEVEL - 1];
  const ancestor = ancestorId ? byId.get(ancestorId) : undefined;
  return ancestor?.active ? ancestor.id : undefined;
}
