import {
  DomainError,
  RESPONSE_HOURS,
  ROOT_UNIT_ID,
  STAT_DIMENSION_PREFIX,
  addDays,
  isWithin,
  rankEntities,
  toShanghaiDate,
  type AssessmentExemptionsResponse,
  type AssessmentResponse,
  type PublicRankingEntry,
  type PublicRankingMonthsResponse,
  type PublicRankingResponse,
  type RankingEntry,
} from '@minsheng/shared';
import { requireRole, type OfficialContext } from '../auth/officials';
import { departmentPathIn, viewerScope } from '../auth/scope';
import type { Deps } from '../deps';

export type AssessmentDeps = Pick<Deps, 'stats' | 'reference' | 'now' | 'assessment' | 'assessmentWeights'>;

const MONTH_NOT_ENDED = '只能发布已结束月份的考核排名';

/** The month before `month` (YYYY-MM). */
export function previousMonth(month: string): string {
  return addDays(`${month}-01`, -1).slice(0, 7);
}

/**
 * A month's 考核排名 of the viewer's subtree: its departments (those of its units) and its child units,
 * ranked on the counters of the month and the month before — two Queries of counter partitions, no case read.
 */
export async function assessmentRanking(deps: AssessmentDeps, viewer: OfficialContext, month: string): Promise<AssessmentResponse> {
  requireRole(viewer, ['intake', 'supervisor', 'admin']);
  const scope = await viewerScope(deps, viewer);
  const prev = previousMonth(month);
  const [counters, previousCounters, units, published] = await Promise.all([deps.stats.getStats(month), deps.stats.getStats(prev), scope.units(), deps.assessment.getPublished(month)]);
  const atRoot = scope.unitId === ROOT_UNIT_ID;
  const departments = atRoot ? scope.departments : scope.departments.filter((d) => isWithin(departmentPathIn(units, d), scope.path));
  const children = units.filter((u) => u.parentId === scope.unitId).sort((a, b) => a.sortOrder - b.sortOrder);
  const { weights, source } = deps.assessmentWeights;
  const ownDim = atRoot ? 'ALL' : `${STAT_DIMENSION_PREFIX.unit}${scope.unitId}`;
  return {
    month,
    previousMonth: prev,
    unitId: scope.unitId,
    unitName: units.find((u) => u.id === scope.unitId)?.name ?? '全部',
    weights,
    weightsSource: source,
    responseHours: RESPONSE_HOURS,
    departments: rankEntities(
      departments.map((d) => ({ key: d.id, name: d.name, dim: `${STAT_DIMENSION_PREFIX.department}${d.id}` })),
      'department',
      counters,
      previousCounters,
      weights,
    ),
    units: rankEntities(
      children.map((u) => ({ key: u.id, name: u.name, dim: `${STAT_DIMENSION_PREFIX.unit}${u.id}` })),
      'unit',
      counters,
      previousCounters,
      weights,
    ),
    exempted: Math.max(0, counters[ownDim]?.exempted ?? 0),
    ended: month < toShanghaiDate(deps.now()).slice(0, 7),
    // The city's ranking is what gets published; every viewer sees whether (and when) this month's was.
    ...(published ? { published: { at: published.publishedAt, by: published.publishedBy } } : {}),
  };
}

/** The cases exempted in a month within the viewer's subtree, newest first (one Query of the month's list). */
export async function assessmentExemptions(deps: AssessmentDeps, viewer: OfficialContext, month: string): Promise<AssessmentExemptionsResponse> {
  requireRole(viewer, ['intake', 'supervisor', 'admin']);
  const scope = await viewerScope(deps, viewer);
  const [items, units] = await Promise.all([deps.assessment.listExemptions(month), scope.units()]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const deptName = new Map(scope.departments.map((d) => [d.id, d.name]));
  return {
    month,
    items: items
      .filter((e) => scope.unitId === ROOT_UNIT_ID || isWithin(e.unitPath, scope.path))
      .sort((a, b) => b.at.localeCompare(a.at))
      .map((e) => ({
        caseNo: e.caseNo,
        reason: e.reason,
        by: e.by,
        at: e.at,
        ...(e.departmentId ? { departmentId: e.departmentId, departmentName: deptName.get(e.departmentId) ?? e.departmentId } : {}),
        ...(e.unitId ? { unitId: e.unitId, unitName: unitName.get(e.unitId) ?? e.unitId } : {}),
      })),
  };
}

const publicEntry = (e: RankingEntry): PublicRankingEntry => ({
  key: e.key,
  name: e.name,
  ...(e.rank !== undefined ? { rank: e.rank } : {}),
  ...(e.score !== undefined ? { score: e.score } : {}),
  rates: e.rates,
  answered: e.counts.asAnswered ?? 0,
  ratings: e.counts.asRatings ?? 0,
  ...(e.rankChange !== undefined ? { rankChange: e.rankChange } : {}),
});

/**
 * Publish the city's ranking of an ended month: a supervisor of the root only. The figures are frozen as
 * published (a later exemption or late count changes the console's figures, never the public page's).
 */
export async function publishRanking(deps: AssessmentDeps, viewer: OfficialContext, month: string): Promise<{ month: string; publishedAt: string; by: string }> {
  requireRole(viewer, ['supervisor']);
  const scope = await viewerScope(deps, viewer);
  if (scope.unitId !== ROOT_UNIT_ID) throw new DomainError('FORBIDDEN', { message: '只有市级督办可以发布考核排名' });
  const now = deps.now();
  if (month >= toShanghaiDate(now).slice(0, 7)) throw new DomainError('VALIDATION_FAILED', { message: MONTH_NOT_ENDED, fields: { month: MONTH_NOT_ENDED } });
  const ranking = await assessmentRanking(deps, viewer, month);
  const publishedAt = now.toISOString();
  const doc: PublicRankingResponse = {
    month,
    publishedAt,
    weights: ranking.weights,
    weightsSource: ranking.weightsSource,
    departments: ranking.departments.filter((e) => e.score !== undefined).map(publicEntry),
    units: ranking.units.filter((e) => e.score !== undefined).map(publicEntry),
  };
  const result = await deps.assessment.publish({ month, publishedAt, publishedBy: viewer.username, ranking: doc });
  if (result === 'already_published') throw new DomainError('ALREADY_EXISTS', { message: `${month} 的考核排名已经发布，不能重复发布` });
  return { month, publishedAt, by: viewer.username };
}

/** Public: the published months, newest first. */
export async function publishedMonths(deps: Pick<Deps, 'assessment'>): Promise<PublicRankingMonthsResponse> {
  return { months: await deps.assessment.listPublished() };
}

/** Public: a published month's ranking, as published; 404 for a month not published. */
export async function publishedRanking(deps: Pick<Deps, 'assessment'>, month: string): Promise<PublicRankingResponse> {
  const published = await deps.assessment.getPublished(month);
  if (!published) throw new DomainError('NOT_FOUND', { message: `${month} 的部门排行尚未发布` });
  return published.ranking;
}
