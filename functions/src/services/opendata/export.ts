import {
  DomainError,
  OPEN_DATA_DEFAULT_K,
  OPEN_DATA_SCHEMA_VERSION,
  formatShanghaiIso,
  isWithin,
  kAnonymise,
  toShanghaiDate,
  type OpenDataDocument,
  type OpenDataFacts,
} from '@minsheng/shared';
import { requireRole, type OfficialContext } from '../auth/officials';
import { viewerScope } from '../auth/scope';
import type { Deps } from '../deps';

/** Index items per Query page of gsi10 (each is ~250 bytes of facts: a page is well under DynamoDB's 1 MB). */
export const OPEN_DATA_PAGE = 1000;

export const MONTH_NOT_ENDED_MESSAGE = '只能导出已经结束的月份：本月尚未结束，请在下月初再导出';

/**
 * The open-data export of a Shanghai month (issue #18), for a supervisor or an admin: the cases filed in that
 * month within the viewer's subtree (as the statistics are scoped: the root's officials the whole platform),
 * read from gsi10 — one partition per 区/县 (and the root's), paged, the partitions in parallel; a 街道/乡镇's
 * export reads its county's partition and keeps its subtree — then made k-anonymous (kAnonymise). No case
 * item is read: the index carries only the open-data facts. Only a month that has ended may be exported.
 */
export async function openDataExport(
  deps: Pick<Deps, 'queues' | 'reference' | 'now'>,
  viewer: OfficialContext,
  params: { month: string; k?: number },
): Promise<OpenDataDocument & { read: number }> {
  requireRole(viewer, ['supervisor', 'admin']);
  const now = deps.now();
  if (params.month >= toShanghaiDate(now).slice(0, 7)) {
    throw new DomainError('VALIDATION_FAILED', { message: MONTH_NOT_ENDED_MESSAGE, fields: { month: MONTH_NOT_ENDED_MESSAGE } });
  }
  const k = params.k ?? OPEN_DATA_DEFAULT_K;
  const scope = await viewerScope(deps, viewer);
  const [units, categories] = await Promise.all([scope.units(), deps.reference.listCategories()]);
  const areas = scope.county ? [scope.county] : ['root', ...units.filter((u) => u.level === 2).map((u) => u.id)];

  const facts: OpenDataFacts[] = [];
  let read = 0;
  await Promise.all(
    areas.map(async (area) => {
      let cursor: string | undefined;
      do {
        const page = await deps.queues.listFiledInMonth(params.month, area, { limit: OPEN_DATA_PAGE, ...(cursor ? { cursor } : {}) });
        read += page.items.length;
        for (const f of page.items) if (scope.level <= 2 || isWithin(f.unitPath, scope.path)) facts.push(f);
        cursor = page.cursor;
      } while (cursor);
    }),
  );

  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  const categoryNames = new Map(categories.map((c) => [c.id, c.name]));
  const { rows, suppressed } = kAnonymise(facts, k, { unit: (id) => unitNames.get(id) ?? id, category: (id) => categoryNames.get(id) ?? id }, scope.path);
  return { schemaVersion: OPEN_DATA_SCHEMA_VERSION, month: params.month, k, unitId: scope.unitId, generatedAt: formatShanghaiIso(now), rows, suppressed, read };
}
