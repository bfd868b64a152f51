import { DomainError, countyOf, isWithin, levelOfPath, pathOfUnit, unitsById, type CaseRecord, type Unit } from '@minsheng/shared';
import type { Department } from '../../ports/reference-data';
import type { Deps } from '../deps';
import type { OfficialContext } from './officials';

/** Where an official sees from: their unit's path (a handler's is their department's unit). */
export interface ViewerScope {
  path: string;
  /** The unit's id (the root's is `root`). */
  unitId: string;
  /** 1 the city, 2 a 区/县, 3+ below. */
  level: number;
  /** The 区/县 the unit lies in (undefined at the root): the partition of the county-wide queues. */
  county?: string;
  units: Unit[];
  departments: Department[];
}

/** The viewer's scope, resolved with one listUnits (and the departments, read anyway by every console route). */
export async function viewerScope(deps: Pick<Deps, 'reference'>, viewer: OfficialContext): Promise<ViewerScope> {
  const [units, departments] = await Promise.all([deps.reference.listUnits(), deps.reference.listDepartments()]);
  const unitId = viewer.role === 'handler' ? departments.find((d) => d.id === viewer.departmentId)?.unitId : viewer.unitId;
  const path = pathOfUnit(unitsById(units), unitId);
  const county = countyOf(path);
  return { path, unitId: path.split('/').at(-1)!, level: levelOfPath(path), ...(county ? { county } : {}), units, departments };
}

/** Whether the official may see the case: a handler their department's cases; intake and supervisors their unit's subtree. */
export function caseInScope(c: Pick<CaseRecord, 'departmentId' | 'unitPath'>, viewer: OfficialContext, scope: Pick<ViewerScope, 'path'>): boolean {
  if (viewer.role === 'handler') return c.departmentId === viewer.departmentId;
  if (viewer.role === 'admin') return false;
  return isWithin(c.unitPath, scope.path);
}

/** A case outside the official's scope is "not found", exactly as another department's is for a handler. */
export function assertCaseInScope(c: CaseRecord | undefined, viewer: OfficialContext, scope: Pick<ViewerScope, 'path'>): asserts c is CaseRecord {
  if (!c || !caseInScope(c, viewer, scope)) throw new DomainError('CASE_NOT_FOUND');
}

/** The path of a department's unit (the root when it names none). */
export function departmentPath(scope: Pick<ViewerScope, 'units'>, dept: Pick<Department, 'unitId'>): string {
  return pathOfUnit(unitsById(scope.units), dept.unitId);
}

/** A dispatch (accept, transfer) may only go to a department of the official's unit or one below it. */
export function assertDepartmentInSubtree(scope: ViewerScope, dept: Pick<Department, 'unitId'>): void {
  if (!isWithin(departmentPath(scope, dept), scope.path)) {
    throw new DomainError('VALIDATION_FAILED', { message: '只能派给本级及下级单位的部门', fields: { departmentId: '只能派给本级及下级单位的部门' } });
  }
}
