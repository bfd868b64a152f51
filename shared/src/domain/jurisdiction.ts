/**
 * The jurisdiction tree (DESIGN.md "Platform of record"): administrative units 市 → 区/县 → 街道/乡镇 →
 * 社区/村, each with its functional departments. A unit is keyed by a short id; its `path` is the ids
 * from the root down to it joined by `/` (a materialised path), so "is this inside that subtree" is a
 * prefix test and a subtree is one `begins_with` — no walk of the tree on any request path.
 *
 * The whole platform has one root: the city (or a province's root unit) whose 12345 centre sees all.
 * Records written before the tree existed (departments, officials, cases without a unit) belong to it.
 */

export const UNIT_LEVELS = [1, 2, 3, 4] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** What each level is called (the labels of a city platform). */
export const UNIT_LEVEL_LABELS: Record<UnitLevel, string> = {
  1: '市',
  2: '区/县',
  3: '街道/乡镇',
  4: '社区/村',
};

/** The root unit's id: the 12345 centre of the whole platform. */
export const ROOT_UNIT_ID = 'root';

/** Separator of a materialised path; never part of an id (ids are slugs). */
export const PATH_SEPARATOR = '/';

export interface Unit {
  id: string;
  name: string;
  level: UnitLevel;
  /** Absent only for the root. */
  parentId?: string;
  /** Ids from the root down to this unit, joined by `/` (the root's path is its id). */
  path: string;
  sortOrder: number;
  /** A disabled unit is no longer offered as a place or a dispatch target; its history stays. */
  active: boolean;
}

/** The path of a record that names no unit (written before the tree, or of the root). */
export const ROOT_PATH = ROOT_UNIT_ID;

/** The path of a child of `parentPath` with id `id`. */
export function childPath(parentPath: string, id: string): string {
  return `${parentPath}${PATH_SEPARATOR}${id}`;
}

/** Whether `path` is `scopePath` itself or lies below it. */
export function isWithin(path: string | undefined, scopePath: string): boolean {
  const p = path ?? ROOT_PATH;
  return p === scopePath || p.startsWith(scopePath + PATH_SEPARATOR);
}

/** The ids on a path, root first (the unit's ancestors and itself). */
export function pathIds(path: string | undefined): string[] {
  return (path ?? ROOT_PATH).split(PATH_SEPARATOR);
}

/** A unit's level from its path: the root is 1. */
export function levelOfPath(path: string): number {
  return pathIds(path).length;
}

/**
 * The level-2 unit (区/县) a path lies in, if it lies below the root: the partition of the county-wide
 * queues (gsi6/gsi7). The root's own cases have none — the city-wide partitions carry them.
 */
export function countyOf(path: string | undefined): string | undefined {
  return pathIds(path)[1];
}

/** Units by id, for resolving paths and names. */
export function unitsById(units: readonly Unit[]): Map<string, Unit> {
  return new Map(units.map((u) => [u.id, u]));
}

/** A unit's path, or the root's when the unit is unknown or not given. */
export function pathOfUnit(units: ReadonlyMap<string, Unit>, unitId: string | undefined): string {
  return (unitId && units.get(unitId)?.path) || ROOT_PATH;
}

/** "沈北市 / 和平区 / 新华街道": a unit's full name, root first. */
export function unitFullName(units: ReadonlyMap<string, Unit>, unitId: string | undefined): string {
  const path = pathOfUnit(units, unitId);
  return pathIds(path)
    .map((id) => units.get(id)?.name ?? id)
    .join(' / ');
}
