import { DomainError, ROOT_UNIT_ID, UNIT_LEVELS, childPath, isWithin, levelOfPath, unitsById, type AdminUnitDto, type Unit, type UnitInput, type UnitLevel } from '@minsheng/shared';
import type { Official } from '../../ports/officials';
import type { Department } from '../../ports/reference-data';
import { requireRole, type OfficialContext } from '../auth/officials';
import type { Deps } from '../deps';

/**
 * Admins keep the jurisdiction tree (issue #15): add a unit under an active one, rename it, move it
 * (its whole subtree's paths and levels rewritten), disable it once nothing in its subtree is in use.
 * Like departments, who changed what is not stored.
 */
export type UnitAdminDeps = Pick<Deps, 'reference' | 'officials' | 'queues'>;

const MAX_LEVEL: number = Math.max(...UNIT_LEVELS);
/** Names listed in a refusal before "等 N 个". */
const NAMES_SHOWN = 5;

const admin = (viewer: OfficialContext) => requireRole(viewer, ['admin']);

/** The unit a department belongs to (the root when it names none). */
export const departmentUnitId = (d: Pick<Department, 'unitId'>): string => d.unitId ?? ROOT_UNIT_ID;

/** The unit an official works in: a handler's is their department's; the others' their own (the root when absent). */
export function officialUnitId(o: Pick<Official, 'role' | 'departmentId' | 'unitId'>, departments: readonly Department[]): string {
  if (o.role === 'handler') {
    const dept = departments.find((d) => d.id === o.departmentId);
    return dept ? departmentUnitId(dept) : ROOT_UNIT_ID;
  }
  return o.unitId ?? ROOT_UNIT_ID;
}

export async function adminListUnits(deps: UnitAdminDeps, viewer: OfficialContext): Promise<AdminUnitDto[]> {
  admin(viewer);
  const [units, departments, officials] = await Promise.all([deps.reference.listUnits(), deps.reference.listDepartments(), deps.officials.listOfficials()]);
  const deptCount = countBy(departments.map(departmentUnitId));
  const officialCount = countBy(officials.map((o) => officialUnitId(o, departments)));
  return units.map((u) => ({ ...u, departments: deptCount.get(u.id) ?? 0, officials: officialCount.get(u.id) ?? 0 }));
}

/** Create, rename, move, disable or re-enable a unit. */
export async function adminPutUnit(deps: UnitAdminDeps, viewer: OfficialContext, input: UnitInput): Promise<AdminUnitDto> {
  admin(viewer);
  const units = await deps.reference.listUnits();
  const byId = unitsById(units);
  const existing = byId.get(input.id);
  if (!existing) return createUnit(deps, byId, input);

  const moving = input.parentId !== undefined && input.parentId !== existing.parentId;
  const disabling = existing.active && input.active === false;
  const enabling = !existing.active && input.active === true;
  if (existing.id === ROOT_UNIT_ID) {
    if (moving) throw new DomainError('VALIDATION_FAILED', { fields: { parentId: '市级（根）单位不能移动' } });
    if (input.active === false) throw new DomainError('VALIDATION_FAILED', { fields: { active: '市级（根）单位不能停用' } });
  }

  const subtree = units.filter((u) => isWithin(u.path, existing.path));
  let parent = existing.parentId ? byId.get(existing.parentId) : undefined;
  if (moving) {
    parent = activeParent(byId, input.parentId!);
    if (isWithin(parent.path, existing.path)) throw new DomainError('VALIDATION_FAILED', { fields: { parentId: '不能把单位移到它自己或它的下级单位之下' } });
    const depthBelow = Math.max(...subtree.map((u) => levelOfPath(u.path))) - existing.level;
    if (parent.level + 1 + depthBelow > MAX_LEVEL) {
      throw new DomainError('VALIDATION_FAILED', {
        message: '移动后将超过四级（市、区/县、街道/乡镇、社区/村），社区/村以下不能再设下级单位',
        fields: { parentId: '移动后层级将超过四级' },
      });
    }
  }
  if (enabling && parent && !parent.active) throw new DomainError('VALIDATION_FAILED', { fields: { active: `上级单位“${parent.name}”已停用，请先启用上级单位` } });
  // A case keeps the path of the unit holding it: a subtree with open cases stays where it is (and in use).
  if (disabling || moving) await assertFree(deps, existing, subtree, disabling ? 'disable' : 'move');

  const next: Unit = { ...existing, name: input.name, sortOrder: input.sortOrder ?? existing.sortOrder, active: input.active ?? existing.active };
  if (!moving && !disabling) {
    await deps.reference.putUnit(next);
    return withCounts(deps, next);
  }
  // A move rewrites the unit's and every descendant's path (the new parent's in front) and level; disabling
  // a unit disables everything below it (re-enabling is one unit at a time, from the top).
  const newPath = moving && parent ? childPath(parent.path, existing.id) : existing.path;
  const written = subtree.map((u): Unit => {
    const path = newPath + u.path.slice(existing.path.length);
    const base = u.id === existing.id ? { ...next, ...(parent ? { parentId: parent.id } : {}) } : { ...u, active: disabling ? false : u.active };
    return { ...base, path, level: levelOfPath(path) as UnitLevel };
  });
  // One transaction (a subtree of up to 100 units; larger ones in transactions of 100, the unit itself
  // last: a request interrupted half-way still finds the unit at its old place and, sent again, finishes).
  const top = written.find((u) => u.id === existing.id)!;
  await deps.reference.putUnits([...written.filter((u) => u.id !== existing.id), top]);
  return withCounts(deps, top);
}

async function createUnit(deps: UnitAdminDeps, byId: Map<string, Unit>, input: UnitInput): Promise<AdminUnitDto> {
  if (!input.parentId) throw new DomainError('VALIDATION_FAILED', { fields: { parentId: '请选择上级单位' } });
  const parent = activeParent(byId, input.parentId);
  if (parent.level >= MAX_LEVEL) throw new DomainError('VALIDATION_FAILED', { message: '社区/村以下不能再设下级单位', fields: { parentId: '社区/村以下不能再设下级单位' } });
  const siblings = [...byId.values()].filter((u) => u.parentId === parent.id);
  const unit: Unit = {
    id: input.id,
    name: input.name,
    level: (parent.level + 1) as UnitLevel,
    parentId: parent.id,
    path: childPath(parent.path, input.id),
    sortOrder: input.sortOrder ?? Math.max(0, ...siblings.map((s) => s.sortOrder)) + 1,
    active: input.active ?? true,
  };
  await deps.reference.putUnit(unit);
  return { ...unit, departments: 0, officials: 0 };
}

function activeParent(byId: Map<string, Unit>, parentId: string): Unit {
  const parent = byId.get(parentId);
  if (!parent) throw new DomainError('UNKNOWN_UNIT', { message: '上级单位不存在', fields: { parentId: '上级单位不存在' } });
  if (!parent.active) throw new DomainError('UNKNOWN_UNIT', { message: `上级单位“${parent.name}”已停用`, fields: { parentId: '上级单位已停用' } });
  return parent;
}

/**
 * What keeps a subtree where it is: active departments and enabled officials in it (to disable), and
 * open cases with its departments (to disable or move) — one `Limit 1` Query per department queue.
 */
async function assertFree(deps: UnitAdminDeps, unit: Unit, subtree: readonly Unit[], what: 'disable' | 'move'): Promise<void> {
  const ids = new Set(subtree.map((u) => u.id));
  const [departments, officials] = await Promise.all([deps.reference.listDepartments(), deps.officials.listOfficials()]);
  const subtreeDepts = departments.filter((d) => ids.has(departmentUnitId(d)));
  const verb = what === 'disable' ? '停用' : '移动';
  if (what === 'disable') {
    const activeDepts = subtreeDepts.filter((d) => d.active);
    if (activeDepts.length) {
      throw new DomainError('UNIT_IN_USE', { message: `“${unit.name}”及其下级单位还有在用的部门：${names(activeDepts.map((d) => d.name))}，请先停用或移走这些部门` });
    }
    const activeOfficials = officials.filter((o) => !o.disabled && ids.has(officialUnitId(o, departments)));
    if (activeOfficials.length) {
      throw new DomainError('UNIT_IN_USE', {
        message: `“${unit.name}”及其下级单位还有在用的人员账号：${names(activeOfficials.map((o) => `${o.displayName}（${o.username}）`))}，请先停用这些账号`,
      });
    }
  }
  const open = await Promise.all(subtreeDepts.map(async (d) => ((await deps.queues.listCaseSummaries({ kind: 'department', departmentId: d.id }, { limit: 1 })).items.length ? d : undefined)));
  const withCases = open.filter((d): d is Department => d !== undefined);
  // Cases still awaiting acceptance sit at a unit's intake desk, not with a department.
  const waiting = await Promise.all(subtree.map(async (u) => ((await deps.queues.listCaseSummaries({ kind: 'intake', unitId: u.id }, { limit: 1 })).items.length ? u : undefined)));
  const unitsWaiting = waiting.filter((u): u is Unit => u !== undefined);
  if (unitsWaiting.length) {
    throw new DomainError('UNIT_IN_USE', { message: `“${unit.name}”及其下级单位还有待受理的诉求（${names(unitsWaiting.map((u) => u.name))}），受理或上报前不能${verb}` });
  }
  if (withCases.length) {
    throw new DomainError('UNIT_IN_USE', { message: `“${unit.name}”及其下级单位还有未办结的案件（${names(withCases.map((d) => d.name))}），办结前不能${verb}` });
  }
}

async function withCounts(deps: UnitAdminDeps, unit: Unit): Promise<AdminUnitDto> {
  const [departments, officials] = await Promise.all([deps.reference.listDepartments(), deps.officials.listOfficials()]);
  return {
    ...unit,
    departments: departments.filter((d) => departmentUnitId(d) === unit.id).length,
    officials: officials.filter((o) => officialUnitId(o, departments) === unit.id).length,
  };
}

function names(list: readonly string[]): string {
  const shown = list.slice(0, NAMES_SHOWN).join('、');
  return list.length > NAMES_SHOWN ? `${shown} 等 ${list.length} 个` : shown;
}

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

/** A department or an official is placed only in an existing, active unit. */
export async function assertActiveUnit(deps: Pick<Deps, 'reference'>, unitId: string, field: string): Promise<void> {
  // The root is always there (records without a unit belong to it) and cannot be disabled.
  if (unitId === ROOT_UNIT_ID) return;
  const unit = (await deps.reference.listUnits()).find((u) => u.id === unitId);
  if (!unit || !unit.active) throw new DomainError('UNKNOWN_UNIT', { fields: { [field]: unit ? '该单位已停用' : '单位不存在' } });
}
