import { DomainError, ROOT_UNIT_ID, type OfficialAssignment, type OfficialDto, type OfficialInput } from '@minsheng/shared';
import { hashPassword, randomPassword } from '../../lib/secrets';
import type { Official } from '../../ports/officials';
import { requireRole, toOfficialDto, type OfficialContext } from '../auth/officials';
import type { Deps } from '../deps';
import { assertActiveUnit } from './units';

/** Admins keep the officials' accounts (departments are read to name them). */
type AccountAdminDeps = Pick<Deps, 'officials' | 'reference' | 'now'>;

const admin = (viewer: OfficialContext) => requireRole(viewer, ['admin']);

export async function adminListOfficials(deps: AccountAdminDeps, viewer: OfficialContext): Promise<OfficialDto[]> {
  admin(viewer);
  const [officials, departments, units] = await Promise.all([deps.officials.listOfficials(), deps.reference.listDepartments(), deps.reference.listUnits()]);
  return officials.map((o) => toOfficialDto(o, departments, units));
}

export async function adminCreateOfficial(deps: AccountAdminDeps, viewer: OfficialContext, input: OfficialInput): Promise<OfficialDto> {
  admin(viewer);
  const departments = await deps.reference.listDepartments();
  if (input.departmentId && !departments.some((d) => d.id === input.departmentId)) {
    throw new DomainError('UNKNOWN_DEPARTMENT', { fields: { departmentId: '部门不存在' } });
  }
  // Intake officers, supervisors and admins work in a unit (the root by default); a handler in their department's.
  const unitId = input.role === 'handler' ? undefined : (input.unitId ?? ROOT_UNIT_ID);
  if (unitId) await assertActiveUnit(deps, unitId, 'unitId');
  const at = deps.now().toISOString();
  const official = {
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    ...(input.departmentId ? { departmentId: input.departmentId } : {}),
    ...(unitId ? { unitId } : {}),
    passwordHash: await hashPassword(input.password),
    disabled: false,
    tokenVersion: 1,
    createdAt: at,
    updatedAt: at,
  };
  if (!(await deps.officials.createOfficial(official))) throw new DomainError('ALREADY_EXISTS', { fields: { username: '该用户名已被使用' } });
  return toOfficialDto(official, departments, await deps.reference.listUnits());
}

async function updateOfficial(deps: AccountAdminDeps, viewer: OfficialContext, username: string, change: (o: Official) => void): Promise<OfficialDto> {
  admin(viewer);
  const official = await deps.officials.getOfficial(username);
  if (!official) throw new DomainError('NOT_FOUND', { message: '账号不存在' });
  // Any change to access revokes the tokens already issued.
  const next = { ...official, tokenVersion: official.tokenVersion + 1, updatedAt: deps.now().toISOString() };
  change(next);
  await deps.officials.putOfficial(next);
  return toOfficialDto(next, ...(await Promise.all([deps.reference.listDepartments(), deps.reference.listUnits()])));
}

export async function adminSetDisabled(deps: AccountAdminDeps, viewer: OfficialContext, username: string, disabled: boolean): Promise<OfficialDto> {
  // Who before what: a non-admin learns 403, not this route's rules.
  admin(viewer);
  if (disabled && username === viewer.username) throw new DomainError('VALIDATION_FAILED', { message: '不能停用自己的账号' });
  return updateOfficial(deps, viewer, username, (o) => {
    o.disabled = disabled;
  });
}

/** A new random password, shown once to the admin to hand over; old sessions end. */
export async function adminResetPassword(deps: AccountAdminDeps, viewer: OfficialContext, username: string): Promise<{ official: OfficialDto; temporaryPassword: string }> {
  // The role before the (slow) hash: a refused caller costs no scrypt.
  admin(viewer);
  const temporaryPassword = `${randomPassword()}${randomPassword().slice(0, 4)}`;
  const passwordHash = await hashPassword(temporaryPassword);
  const official = await updateOfficial(deps, viewer, username, (o) => {
    o.passwordHash = passwordHash;
  });
  return { official, temporaryPassword };
}

/**
 * A personnel change: an intake officer, supervisor or admin moves to another (active) unit, a handler
 * to another (active) department. Their sessions end (they sign in again into the new scope); the
 * cases they worked stay where they are — from now on they see the new unit's or department's.
 */
export async function adminAssignOfficial(deps: AccountAdminDeps, viewer: OfficialContext, username: string, input: OfficialAssignment): Promise<OfficialDto> {
  admin(viewer);
  const official = await deps.officials.getOfficial(username);
  if (!official) throw new DomainError('NOT_FOUND', { message: '账号不存在' });
  if (official.role === 'handler') {
    if (!input.departmentId) throw new DomainError('VALIDATION_FAILED', { fields: { departmentId: '承办人请选择新的所属部门（所属单位随部门）' } });
    const department = (await deps.reference.listDepartments()).find((d) => d.id === input.departmentId);
    if (!department || !department.active) throw new DomainError('UNKNOWN_DEPARTMENT', { fields: { departmentId: '部门不存在或已停用' } });
  } else {
    if (!input.unitId) throw new DomainError('VALIDATION_FAILED', { fields: { unitId: '请选择新的所属单位（只有承办人属于部门）' } });
    await assertActiveUnit(deps, input.unitId, 'unitId');
  }
  return updateOfficial(deps, viewer, username, (o) => {
    if (o.role === 'handler') o.departmentId = input.departmentId!;
    else if (input.unitId === ROOT_UNIT_ID) delete o.unitId;
    else o.unitId = input.unitId!;
  });
}
