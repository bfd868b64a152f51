import type { CategoryDto, DepartmentDto } from '@minsheng/shared';
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
