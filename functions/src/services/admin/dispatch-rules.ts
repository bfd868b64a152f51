import { DomainError, unitFullName, unitsById, type DispatchRuleDto, type DispatchRuleInput } from '@minsheng/shared';
import type { DispatchRule } from '../../ports/reference-data';
import { requireRole, type OfficialContext } from '../auth/officials';
import type { Deps } from '../deps';

/** Admins keep the 派单目录: which department a category goes to at a unit (and below it). */
type DispatchRulesDeps = Pick<Deps, 'reference'>;

async function present(deps: DispatchRulesDeps, rules: DispatchRule[]): Promise<DispatchRuleDto[]> {
  const [categories, departments, units] = await Promise.all([deps.reference.listCategories(), deps.reference.listDepartments(), deps.reference.listUnits()]);
  const byId = unitsById(units);
  const order = new Map(units.map((u, i) => [u.id, i]));
  const catOrder = new Map(categories.map((c, i) => [c.id, i]));
  return rules
    .map((r) => ({
      categoryId: r.categoryId,
      categoryName: categories.find((c) => c.id === r.categoryId)?.name ?? r.categoryId,
      unitId: r.unitId,
      unitName: unitFullName(byId, r.unitId),
      departmentId: r.departmentId,
      departmentName: departments.find((d) => d.id === r.departmentId)?.name ?? r.departmentId,
    }))
    .sort((a, b) => (catOrder.get(a.categoryId) ?? 1e9) - (catOrder.get(b.categoryId) ?? 1e9) || (order.get(a.unitId) ?? 1e9) - (order.get(b.unitId) ?? 1e9));
}

export async function adminListDispatchRules(deps: DispatchRulesDeps, viewer: OfficialContext): Promise<DispatchRuleDto[]> {
  requireRole(viewer, ['admin']);
  return present(deps, await deps.reference.listDispatchRules());
}

/**
 * Set the department for a category at a unit (replacing the line there, if any). The category, the
 * unit and the department must exist and be active, and the department must belong to that unit or
 * to one of its ancestors (a township's cases may go to the township's office or the county's bureau,
 * never to another township's).
 */
export async function adminPutDispatchRule(deps: DispatchRulesDeps, viewer: OfficialContext, input: DispatchRuleInput): Promise<DispatchRuleDto> {
  requireRole(viewer, ['admin']);
  const [categories, departments, units] = await Promise.all([deps.reference.listCategories(), deps.reference.listDepartments(), deps.reference.listUnits()]);
  const fields: Record<string, string> = {};
  if (!categories.some((c) => c.id === input.categoryId && c.active)) fields.categoryId = '类别不存在或已停用';
  const unit = units.find((u) => u.id === input.unitId && u.active);
  if (!unit) fields.unitId = '地区不存在或已停用';
  const dept = departments.find((d) => d.id === input.departmentId && d.active);
  if (!dept) fields.departmentId = '部门不存在或已停用';
  else if (unit && !unit.path.split('/').includes(dept.unitId ?? 'root')) fields.departmentId = '承办部门应属于该地区或其上级';
  if (Object.keys(fields).length) throw new DomainError('VALIDATION_FAILED', { fields });
  const rule = { categoryId: input.categoryId, unitId: input.unitId, departmentId: input.departmentId };
  await deps.reference.putDispatchRule(rule);
  return (await present(deps, [rule]))[0]!;
}

export async function adminDeleteDispatchRule(deps: DispatchRulesDeps, viewer: OfficialContext, categoryId: string, unitId: string): Promise<{ deleted: true }> {
  requireRole(viewer, ['admin']);
  if (!(await deps.reference.deleteDispatchRule(categoryId, unitId))) throw new DomainError('NOT_FOUND', { message: '派单目录中没有这一条' });
  return { deleted: true };
}
