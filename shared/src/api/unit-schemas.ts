import * as z from 'zod/mini';
import type { Unit } from '../domain/jurisdiction';
import { text } from './text';
import { unitIdSchema } from './console-schemas';

/**
 * Admin: create or update a unit of the jurisdiction tree (`POST /api/console/admin/units`).
 * A new unit needs its parent; on an existing unit a different `parentId` moves it (with everything
 * below it), `active: false` disables it. The level follows from the parent.
 */
export const unitInputSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,31}$/, { message: '单位编码只能用小写字母、数字和短横线（2–32 位）' })),
  name: text('单位名称', 50),
  parentId: z.optional(unitIdSchema),
  sortOrder: z.optional(z.number().check(z.int(), z.gte(0), z.lte(10_000))),
  active: z.optional(z.boolean()),
});
export type UnitInput = z.infer<typeof unitInputSchema>;

/** A unit as the admin routes answer it: inactive ones included, with what is directly in it. */
export interface AdminUnitDto extends Unit {
  /** Departments whose unit this is (active or not). */
  departments: number;
  /** Officials working in it: intake officers, supervisors and admins of the unit, and the handlers of its departments. */
  officials: number;
}
