import type { UnitDto } from '@minsheng/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** GET /api/units — the active units of the jurisdiction tree (the place picker's). */
export function listUnits(): Promise<{ items: UnitDto[] }> {
  return api('/units', { anonymous: true });
}

export function useUnits() {
  return useQuery({ queryKey: ['reference', 'units'], queryFn: listUnits, staleTime: 10 * 60_000, select: (r) => r.items });
}

export interface UnitOption {
  value: string;
  label: string;
  children?: UnitOption[];
}

/** The units as a Cascader's options: 市 → 区/县 → 街道/乡镇 → 社区/村, in the API's order. */
export function unitOptions(units: readonly UnitDto[]): UnitOption[] {
  const byParent = new Map<string | undefined, UnitDto[]>();
  for (const u of units) byParent.set(u.parentId, [...(byParent.get(u.parentId) ?? []), u]);
  const build = (parentId: string | undefined): UnitOption[] =>
    (byParent.get(parentId) ?? []).map((u) => {
      const children = build(u.id);
      return { value: u.id, label: u.name, ...(children.length ? { children } : {}) };
    });
  return build(undefined);
}

/** The Cascader's path (root first) to a unit id. */
export function unitPathTo(units: readonly UnitDto[], id: string | undefined): string[] {
  const path: string[] = [];
  let current = units.find((u) => u.id === id);
  while (current) {
    path.unshift(current.id);
    current = current.parentId ? units.find((u) => u.id === current!.parentId) : undefined;
  }
  return path;
}
