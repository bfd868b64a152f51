import type { CategoryDto, DepartmentDto, UnitDto } from '@minsheng/shared';
import type { Deps } from '../deps';

export async function listActiveCategories(deps: Pick<Deps, 'reference'>): Promise<CategoryDto[]> {
  const categories = await deps.reference.listCategories();
  return categories
    .filter((c) => c.active)
    .map((c) => ({ id: c.id, name: c.name, types: c.types, ...(c.description ? { description: c.description } : {}) }));
}

export async function listActiveDepartments(deps: Pick<Deps, 'reference'>): Promise<DepartmentDto[]> {
  const departments = await deps.reference.listDepartments();
  return departments.filter((d) => d.active).map((d) => ({ id: d.id, name: d.name }));
}

/**
 * The active units of the jurisdiction tree, root first then level by level (the place picker's
 * cascade). A unit below an inactive one is left out too: it cannot be reached in the picker.
 */
export async function listActiveUnits(deps: Pick<Deps, 'reference'>): Promise<UnitDto[]> {
  const units = await deps.reference.listUnits();
  const inactive = new Set(units.filter((u) => !u.active).map((u) => u.id));
  return units
    .filter((u) => !u.path.split('/').some((id) => inactive.has(id)))
    .map((u) => ({ id: u.id, name: u.name, level: u.level, ...(u.parentId ? { parentId: u.parentId } : {}) }));
}
