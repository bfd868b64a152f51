import { DomainError, type CategoryInput, type DepartmentInput } from '@minsheng/shared';
import type { Category, Department } from '../../ports/reference-data';
import { requireRole, type OfficialContext } from '../auth/officials';
import type { Deps } from '../deps';

/** Admins keep the departments and categories. */
type ReferenceAdminDeps = Pick<Deps, 'reference'>;

const admin = (viewer: OfficialContext) => requireRole(viewer, ['admin']);

export async function adminListDepartments(deps: ReferenceAdminDeps, viewer: OfficialContext): Promise<Department[]> {
  admin(viewer);
  return deps.reference.listDepartments();
}

/** Create or update a department (an inactive one is no longer offered for dispatch). */
export async function adminPutDepartment(deps: ReferenceAdminDeps, viewer: OfficialContext, input: DepartmentInput): Promise<Department> {
  admin(viewer);
  const existing = (await deps.reference.listDepartments()).find((d) => d.id === input.id);
  const department: Department = { id: input.id, name: input.name, sortOrder: input.sortOrder ?? existing?.sortOrder ?? 100, active: input.active ?? true };
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

