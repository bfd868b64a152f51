import type { CategoryDto, DepartmentDto } from '@minsheng/shared';
import type { Deps } from './deps';

export async function listActiveCategories(deps: Deps): Promise<CategoryDto[]> {
  const categories = await deps.store.listCategories();
  return categories
    .filter((c) => c.active)
    .map((c) => ({ id: c.id, name: c.name, types: c.types, ...(c.description ? { description: c.description } : {}) }));
}

export async function listActiveDepartments(deps: Deps): Promise<DepartmentDto[]> {
  const departments = await deps.store.listDepartments();
  return departments.filter((d) => d.active).map((d) => ({ id: d.id, name: d.name }));
}
