import { CHANNEL_LABELS, CASE_TYPE_LABELS, type CaseChannel, STAT_DIMENSION_PREFIX, unitChannelDimension, addDays, statRates, toShanghaiDate, type CaseType, type ConsoleStatsResponse, type PublicStatsResponse, type StatCounters, type StatsRow } from '@minsheng/shared';
import { requireRole, type OfficialContext } from '../auth/officials';
import { departmentPathIn, viewerScope } from '../auth/scope';
import { ROOT_UNIT_ID, isWithin } from '@minsheng/shared';
import type { Deps } from '../deps';

function row(key: string, name: string, counters: StatCounters): StatsRow {
  return { key, name, ...counters, ...statRates(counters) };
}

/** The last `n` Shanghai months up to and including the one `now` is in, oldest first. */
export function recentMonths(now: Date, n: number): string[] {
  const months: string[] = [];
  let date = toShanghaiDate(now).slice(0, 8) + '01';
  for (let i = 0; i < n; i++) {
    months.unshift(date.slice(0, 7));
    date = addDays(date, -1).slice(0, 8) + '01';
  }
  return months;
}

/**
 * Statistics for supervisors, intake and admins, read from counters kept with every change:
 * one Query for the period's dimensions plus one Query per month of the series. Scoped to the
 * viewer's unit: at the root the whole platform's; below it the unit's subtree (`UNIT#<id>`, which
 * counts its own and all its units' cases), by child unit and by the subtree's departments.
 */
export async function consoleStats(deps: Pick<Deps, 'stats' | 'reference' | 'now'>, viewer: OfficialContext, params: { period?: string; months?: number }): Promise<ConsoleStatsResponse> {
  requireRole(viewer, ['intake', 'supervisor', 'admin']);
  const period = params.period ?? 'ALL';
  const months = recentMonths(deps.now(), Math.min(Math.max(params.months ?? 12, 1), 36));
  const scope = await viewerScope(deps, viewer);
  const atRoot = scope.unitId === ROOT_UNIT_ID;
  const ownDim = atRoot ? 'ALL' : `${STAT_DIMENSION_PREFIX.unit}${scope.unitId}`;
  const [byDim, series, categories] = await Promise.all([
    deps.stats.getStats(period),
    Promise.all(months.map(async (m) => row(m, m, await deps.stats.getStatsTotals(m, ownDim)))),
    deps.reference.listCategories(),
  ]);
  const units = await scope.units();
  const departments = atRoot ? scope.departments : scope.departments.filter((d) => isWithin(departmentPathIn(units, d), scope.path));
  const inScope = new Set(departments.map((d) => d.id));
  const pick = (prefix: string, name: (id: string) => string) =>
    Object.entries(byDim)
      .filter(([dim]) => dim.startsWith(prefix))
      .map(([dim, counters]) => row(dim.slice(prefix.length), name(dim.slice(prefix.length)), counters))
      .sort((a, b) => (b.filed ?? b.dispatched ?? 0) - (a.filed ?? a.dispatched ?? 0));
  const children = units.filter((u) => u.parentId === scope.unitId).sort((a, b) => a.sortOrder - b.sortOrder);
  const ownName = units.find((u) => u.id === scope.unitId)?.name ?? '全部';
  return {
    period,
    unitId: scope.unitId,
    totals: row(atRoot ? 'ALL' : scope.unitId, atRoot ? '全部' : ownName, byDim[ownDim] ?? {}),
    byUnit: children.map((u) => row(u.id, u.name, byDim[`${STAT_DIMENSION_PREFIX.unit}${u.id}`] ?? {})),
    byDepartment: pick(STAT_DIMENSION_PREFIX.department, (id) => departments.find((d) => d.id === id)?.name ?? id).filter((r) => atRoot || inScope.has(r.key)),
    // By category and type are kept city-wide only (a unit × category counter is not kept).
    byCategory: atRoot ? pick(STAT_DIMENSION_PREFIX.category, (id) => categories.find((c) => c.id === id)?.name ?? id) : [],
    byType: atRoot ? pick(STAT_DIMENSION_PREFIX.type, (id) => CASE_TYPE_LABELS[id as CaseType] ?? id) : [],
    // By 来源渠道: city-wide, or the unit's own (UNIT#<id>/CH#…, counted since 7 December 2026; before that a unit's
    // cases were counted by channel city-wide only). Cases from before channels count as 小程序.
    byChannel: pick(atRoot ? STAT_DIMENSION_PREFIX.channel : unitChannelDimension(ownDim, ''), (id) => CHANNEL_LABELS[id as CaseChannel] ?? id),
    series,
  };
}

/** What anyone may see: totals, on-time and satisfaction rates. One GetItem. */
export async function publicStats(deps: Pick<Deps, 'stats'>): Promise<PublicStatsResponse> {
  const totals = await deps.stats.getStatsTotals('ALL');
  const rates = statRates(totals);
  return {
    filed: totals.filed ?? 0,
    answered: totals.answered ?? 0,
    ...(rates.onTimeRate !== undefined ? { onTimeRate: rates.onTimeRate } : {}),
    ...(rates.satisfactionRate !== undefined ? { satisfactionRate: rates.satisfactionRate } : {}),
  };
}
