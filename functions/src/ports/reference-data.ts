import type { AdminCategoryDto, AdminDepartmentDto, Unit } from '@minsheng/shared';

export type { Unit };

/** A category as stored — the same shape the admin routes answer (with the department intake usually dispatches it to). */
export type Category = AdminCategoryDto;

/** A department as stored — the same shape the admin routes answer. */
export type Department = AdminDepartmentDto;

/** Categories, departments and the units of the jurisdiction tree. */
export interface ReferenceStore {
  getCategory(id: string): Promise<Category | undefined>;
  listCategories(): Promise<Category[]>;
  listDepartments(): Promise<Department[]>;
  /** Every unit of the jurisdiction tree (one Query: a city's tree is a few hundred items). */
  listUnits(): Promise<Unit[]>;
  putUnit(unit: Unit): Promise<void>;
  putCategory(category: Category): Promise<void>;
  putDepartment(department: Department): Promise<void>;
}
