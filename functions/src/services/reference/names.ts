import type { Category, Department } from '../../ports/reference-data';

/** Names of departments and categories by id, for presenting cases and library items. */
export interface Names {
  department(id: string | undefined): string | undefined;
  category(id: string): string | undefined;
}

export function namesFrom(departments: Department[], categories: Category[]): Names {
  return {
    department: (id) => (id ? departments.find((d) => d.id === id)?.name : undefined),
    category: (id) => categories.find((c) => c.id === id)?.name,
  };
}

