import type { AdminCategoryDto, AdminDepartmentDto } from '@minsheng/shared';

/** A category as stored — the same shape the admin routes answer (with the department intake usually dispatches it to). */
export type Category = AdminCategoryDto;

/** A department as stored — the same shape the admin routes answer. */
export type Department = AdminDepartmentDto;

/** Categories and departments. */
export interface ReferenceStore {
  getCategory(id: string): Promise<Category | undefined>;
  listCategories(): Promise<Category[]>;
  listDepartments(): Promise<Department[]>;
  putCategory(category: Category): Promise<void>;
  putDepartment(department: Department): Promise<void>;
}
