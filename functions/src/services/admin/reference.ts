import { DomainError, ROOT_UNIT_ID, type CategoryInput, type DepartmentInput } from '@minsheng/shared';
import type { Category, Department } from '../../ports/reference-data';
import { requireRole, type OfficialContext } from '../auth/officials';
import type { Deps } from '../deps';
import { assertActiveUnit } from './units';

/** Admins keep the departments and categories. */
type ReferenceAdminDeps = Pick<Deps, 'reference'>;
type DepartmentAdminDeps = Pick<Deps, 'reference' | 'queues'>;

const admin = (viewer: OfficialContext) => requireRole(viewer, ['admin']);

export async function adminListDepartments(deps: ReferenceAdminDeps, viewer: OfficialContext): Promise<Department[]> {
  admin(viewer);
  return deps.reference.listDepartments();
}

/**
 * Create or update a department (an inactive one is no longer offered for dispatch). Its unit must be
 * an active one (the root when a new department names none; kept on update unless given); it does
 * not change unit while it holds open cases (they are where their department's unit is).
 */
export async function adminPutDepartment(deps: DepartmentAdminDeps, viewer: OfficialContext, input: DepartmentInput): Promise<Department> {
  admin(viewer);
  const existing = (await deps.reference.listDepartments()).find((d) => d.id === input.id);
  const unitId = input.unitId ?? existing?.unitId ?? ROOT_UNIT_ID;
  if (unitId !== (existing?.unitId ?? ROOT_UNIT_ID) || !existing) await assertActiveUnit(deps, unitId, 'unitId');
  if (existing && unitId !== (existing.unitId ?? ROOT_UNIT_ID)) {
    const open = await deps.queues.listCaseSummaries({ kind: 'department', departmentId: existing.id }, { limit: 1 });
    if (open.items.length) throw new DomainError('UNIT_IN_USE', { message: `“${existing.name}”还有未办结的案件，办结前不能改变所属单位` });
  }
  const department: Department = { id: input.id, name: input.name, sortOrder: input.sortOrder ?? existing?.sortOrder ?? 100, active: input.active ?? true, unitId };
  await deps.reference.putDepartment(department);
  return department;
}

export async function adminListCategories(deps: ReferenceAdminDeps, viewer: OfficialContext): Promise<Category[]> {
  admin(viewer);
  return deps.reference.listCategories();
}

export async function adminPutCategory(deps: ReferenceAdminDeps, viewer: OfficialContext, input: CategoryInput): Promise<Category> {
  admin(viewer);
  if (input.defaultDepartmentId && !(await deps.reference.listDepartments()).some((d) => d.id === input.defaultDepartmentId)) {
    throw new DomainError('UNKNOWN_DEPARTMENT', { fields: { defaultDepartmentId: '部门不存在' } });
  }
  const existing = await deps.reference.getCategory(input.id);
  const category: Category = {
    id: input.id,
    name: input.name,
    types: [...new Set(input.types)],
    sortOrder: input.sortOrder ?? existing?.sortOrder ?? 100,
    active: input.active ?? true,
    ...(input.description ? { description: input.description } : {}),
    ...(input.defaultDepartmentId ? { defaultDepartmentId: input.defaultDepartmentId } : {}),
  };
  await deps.reference.putCategory(category);
  return category;
}

