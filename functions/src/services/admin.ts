import { DomainError, type CategoryInput, type DepartmentInput, type OfficialDto, type OfficialInput } from '@minsheng/shared';
import { hashPassword, randomPassword } from '../lib/secrets';
import type { Category, Department, Official } from '../ports/case-store';
import { requireRole, toOfficialDto, type OfficialContext } from './console-auth';
import type { Deps } from './deps';

const admin = (viewer: OfficialContext) => requireRole(viewer, ['admin']);

export async function adminListDepartments(deps: Deps, viewer: OfficialContext): Promise<Department[]> {
  admin(viewer);
  return deps.store.listDepartments();
}

/** Create or update a department (an inactive one is no longer offered for dispatch). */
export async function adminPutDepartment(deps: Deps, viewer: OfficialContext, input: DepartmentInput): Promise<Department> {
  admin(viewer);
  const existing = (await deps.store.listDepartments()).find((d) => d.id === input.id);
  const department: Department = { id: input.id, name: input.name, sortOrder: input.sortOrder ?? existing?.sortOrder ?? 100, active: input.active ?? true };
  await deps.store.putDepartment(department);
  return department;
}

export async function adminListCategories(deps: Deps, viewer: OfficialContext): Promise<Category[]> {
  admin(viewer);
  return deps.store.listCategories();
}

export async function adminPutCategory(deps: Deps, viewer: OfficialContext, input: CategoryInput): Promise<Category> {
  admin(viewer);
  if (input.defaultDepartmentId && !(await deps.store.listDepartments()).some((d) => d.id === input.defaultDepartmentId)) {
    throw new DomainError('UNKNOWN_DEPARTMENT', { fields: { defaultDepartmentId: '部门不存在' } });
  }
  const existing = await deps.store.getCategory(input.id);
  const category: Category = {
    id: input.id,
    name: input.name,
    types: [...new Set(input.types)],
    sortOrder: input.sortOrder ?? existing?.sortOrder ?? 100,
    active: input.active ?? true,
    ...(input.description ? { description: input.description } : {}),
    ...(input.defaultDepartmentId ? { defaultDepartmentId: input.defaultDepartmentId } : {}),
  };
  await deps.store.putCategory(category);
  return category;
}

export async function adminListOfficials(deps: Deps, viewer: OfficialContext): Promise<OfficialDto[]> {
  admin(viewer);
  const [officials, departments] = await Promise.all([deps.store.listOfficials(), deps.store.listDepartments()]);
  return officials.map((o) => toOfficialDto(o, departments));
}

export async function adminCreateOfficial(deps: Deps, viewer: OfficialContext, input: OfficialInput): Promise<OfficialDto> {
  admin(viewer);
  const departments = await deps.store.listDepartments();
  if (input.departmentId && !departments.some((d) => d.id === input.departmentId)) {
    throw new DomainError('UNKNOWN_DEPARTMENT', { fields: { departmentId: '部门不存在' } });
  }
  const at = deps.now().toISOString();
  const official = {
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    ...(input.departmentId ? { departmentId: input.departmentId } : {}),
    passwordHash: await hashPassword(input.password),
    disabled: false,
    tokenVersion: 1,
    createdAt: at,
    updatedAt: at,
  };
  if (!(await deps.store.createOfficial(official))) throw new DomainError('ALREADY_EXISTS', { fields: { username: '该用户名已被使用' } });
  return toOfficialDto(official, departments);
}

async function updateOfficial(deps: Deps, viewer: OfficialContext, username: string, change: (o: Official) => void): Promise<OfficialDto> {
  admin(viewer);
  const official = await deps.store.getOfficial(username);
  if (!official) throw new DomainError('NOT_FOUND', { message: '账号不存在' });
  // Any change to access revokes the tokens already issued.
  const next = { ...official, tokenVersion: official.tokenVersion + 1, updatedAt: deps.now().toISOString() };
  change(next);
  await deps.store.putOfficial(next);
  return toOfficialDto(next, await deps.store.listDepartments());
}

export async function adminSetDisabled(deps: Deps, viewer: OfficialContext, username: string, disabled: boolean): Promise<OfficialDto> {
  if (disabled && username === viewer.username) throw new DomainError('VALIDATION_FAILED', { message: '不能停用自己的账号' });
  return updateOfficial(deps, viewer, username, (o) => {
    o.disabled = disabled;
  });
}

/** A new random password, shown once to the admin to hand over; old sessions end. */
export async function adminResetPassword(deps: Deps, viewer: OfficialContext, username: string): Promise<{ official: OfficialDto; temporaryPassword: string }> {
  const temporaryPassword = `${randomPassword()}${randomPassword().slice(0, 4)}`;
  const passwordHash = await hashPassword(temporaryPassword);
  const official = await updateOfficial(deps, viewer, username, (o) => {
    o.passwordHash = passwordHash;
  });
  return { official, temporaryPassword };
}
