import { UNIT_LEVEL_LABELS, unitsById, type UnitLevel } from '@minsheng/shared';
import { DEMO_DEPARTMENTS, DEMO_OFFICIALS, DEMO_UNITS } from './demo-data';

/**
 * The banner's demo logins, grouped by the level of the unit each official works in (市, 区/县,
 * 街道/乡镇, 社区/村): every demo account — intake officers, supervisors, the admin and every department's handler.
 */
export function demoLoginLines(): string[] {
  const units = unitsById(DEMO_UNITS);
  const departments = new Map(DEMO_DEPARTMENTS.map((d) => [d.id, d]));
  const shown = DEMO_OFFICIALS;
  const unitOf = (o: (typeof shown)[number]) => units.get((o.role === 'handler' ? departments.get(o.departmentId ?? '')?.unitId : o.unitId) ?? 'root') ?? units.get('root')!;
  const lines: string[] = [];
  for (const level of Object.keys(UNIT_LEVEL_LABELS).map(Number) as UnitLevel[]) {
    const atLevel = shown.filter((o) => unitOf(o).level === level);
    if (!atLevel.length) continue;
    lines.push(`    ${UNIT_LEVEL_LABELS[level]}`);
    const width = Math.max(...atLevel.map((o) => o.username.length));
    for (const o of atLevel) lines.push(`      ${o.username.padEnd(width)}  ${unitOf(o).name} · ${o.displayName}`);
  }
  return lines;
}
