import type { CaseType, SlaPolicy } from '@minsheng/shared';

/** What the admin routes answer (functions/src/ports/case-store.ts; not part of shared/'s contract yet). */
export interface AdminDepartment {
  id: string;
  name: string;
  sortOrder: number;
  active: boolean;
}

export interface AdminCategory {
  id: string;
  name: string;
  types: CaseType[];
  description?: string;
  defaultDepartmentId?: string;
  sortOrder: number;
  active: boolean;
}

export type SlaPolicyRow = { type: CaseType } & SlaPolicy;

export interface CalendarOverride {
  date: string;
  work: boolean;
  note?: string;
}
