import type { AdminCategoryDto, AdminDepartmentDto, DispatchRule, Unit } from '@minsheng/shared';

export type { DispatchRule, Unit };

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
  /** One unit (a GetItem): what resolving one official's or one department's place needs, whatever the tree's size. */
  getUnit(id: string): Promise<Unit | undefined>;
  putUnit(unit: Unit): Promise<void>;
  /**
   * Several units in one transaction (a move or a disable of a subtree): all or none. A subtree of more
   * than 100 units is written in transactions of 100, in the order given — callers put the subtree's top
   * last, so that a request that failed half-way is repaired by sending it again.
   */
  putUnits(units: readonly Unit[]): Promise<void>;
  putCategory(category: Category): Promise<void>;
  putDepartment(department: Department): Promise<void>;
  /** The whole 派单目录 (one Query: categories × units with a rule of their own, a few hundred lines). */
  listDispatchRules(): Promise<DispatchRule[]>;
  putDispatchRule(rule: DispatchRule): Promise<void>;
  /** Whether there was a rule to delete. */
  deleteDispatchRule(categoryId: string, unitId: string): Promise<boolean>;
}
