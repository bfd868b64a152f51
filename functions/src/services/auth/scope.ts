import { DomainError, ROOT_PATH, ROOT_UNIT_ID, countyOf, isWithin, levelOfPath, pathOfUnit, unitsById, type CaseRecord, type Unit } from '@minsheng/shared';
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
  departments: Department[];
  /** A unit's path by one GetItem (memoised; the root's when the id is absent or unknown). */
  pathOf(unitId: string | undefined): Promise<string>;
  /** A unit by one GetItem (memoised). */
  unit(unitId: string): Promise<Unit | undefined>;
  /** The whole tree (one Query, memoised): only for what lists the subtree (statistics). */
  units(): Promise<Unit[]>;
}

/**
 * The viewer's scope: their unit read by one GetItem (and the departments, read anyway by every
 * console route), so resolving it costs the same with 10 units or 1,000 — no request path lists the tree.
 */
export async function viewerScope(deps: Pick<Deps, 'reference'>, viewer: OfficialContext): Promise<ViewerScope> {
  const departments = await deps.reference.listDepartments();
  const seen = new Map<string, Promise<Unit | undefined>>();
  const unit = (id: string) => {
    if (!seen.has(id)) seen.set(id, deps.reference.getUnit(id));
    return seen.get(id)!;
  };
  const pathOf = async (id: string | undefined) => (id && id !== ROOT_UNIT_ID ? (await unit(id))?.path : undefined) ?? ROOT_PATH;
  let all: Promise<Unit[]> | undefined;
  const unitId = viewer.role === 'handler' ? departments.find((d) => d.id === viewer.departmentId)?.unitId : viewer.unitId;
  const path = await pathOf(unitId);
  const county = countyOf(path);
  return {
    path,
    unitId: path.split('/').at(-1)!,
    level: levelOfPath(path),
    ...(county ? { county } : {}),
    departments,
    pathOf,
    unit,
    units: () => (all ??= deps.reference.listUnits()),
  };
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

/** The path of a department's unit within a listed tree (the root when it names none). */
export function departmentPathIn(units: readonly Unit[], dept: Pick<Department, 'unitId'>): string {
  return pathOfUnit(unitsById(units), dept.unitId);
}

/** A dispatch (accept, transfer) may only go to a department of the official's unit or one below it. */
export async function assertDepartmentInSubtree(scope: ViewerScope, dept: Pick<Department, 'unitId'>): Promise<void> {
  if (!isWithin(await scope.pathOf(dept.unitId), scope.path)) {
    throw new DomainError('VALIDATION_FAILED', { message: '只能派给本级及下级单位的部门', fields: { departmentId: '只能派给本级及下级单位的部门' } });
  }
}
