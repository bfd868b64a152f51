import type { QueueCountsResponse } from '@minsheng/shared';
import type { StreamChange } from '../../lib/stream';
import type { OfficialContext } from '../auth/officials';
import type { Deps } from '../deps';
import { queueRowFilter, queuesFor, resolveQueue, type QueueDeps } from './queues';

/** The queue counter's stream filter (serverless.yml): changes of case items and 协办 part items. */
export function isQueuedItemChange(change: StreamChange): boolean {
  const sk = change.keys.sk;
  return sk === 'CASE' || (typeof sk === 'string' && sk.startsWith('PART#'));
}

/** Move one changed item's queue counts (jobs/case-changes.ts, its queueCounter route); anything else on the stream is ignored. */
export async function followQueueCounts(deps: Pick<Deps, 'queueCounts'>, change: StreamChange): Promise<'counted' | 'unchanged' | 'already_counted' | 'ignored'> {
  if (!isQueuedItemChange(change)) return 'ignored';
  return deps.queueCounts.follow({
    keys: change.keys,
    sequenceNumber: change.sequenceNumber,
    ...(change.newImage ? { newImage: change.newImage } : {}),
    ...(change.oldImage ? { oldImage: change.oldImage } : {}),
  });
}

/** Rows per Query when a window queue is counted (each summary ~0.4 KB: DynamoDB's 1 MB page holds ~2,500). */
const WINDOW_PAGE = 1000;

/**
 * The exact count of each of this official's queues, scoped as the queues are: a partition's count
 * (one BatchGet for all of them) kept from the stream; 即将超期, 已超期 and 回访, windows of time no stored
 * count can follow, counted exactly by reading the window of their index partition to its end — its
 * summaries in pages of WINDOW_PAGE, each row checked as the list checks it (paused, the case's own SLA
 * level, the type's 回访 delay, the viewer's subtree) — and no case item.
 * A department's queues (待办, 已答复) of intake and supervisors are counted for `departmentId` only.
 */
export async function queueCounts(deps: QueueDeps & Pick<Deps, 'queueCounts'>, viewer: OfficialContext, params: { departmentId?: string; unitId?: string }): Promise<QueueCountsResponse> {
  const wanted = queuesFor(viewer.role).filter((queue) => viewer.role === 'handler' || (queue !== 'department' && queue !== 'answered') || params.departmentId);
  const resolved = await Promise.all(wanted.map((queue) => resolveQueue(deps, viewer, { queue, ...params })));
  const counted = await deps.queueCounts.count(resolved.map((r) => r.query));
  const items = await Promise.all(
    wanted.map(async (queue, i) => {
      const count = counted[i];
      if (count !== undefined) return { queue, count: Math.max(0, count), maintained: true };
      const keep = queueRowFilter(viewer, { queue, ...params }, resolved[i]!);
      let n = 0;
      let cursor: string | undefined;
      do {
        const page = await deps.queues.listCaseSummaries(resolved[i]!.query, { limit: WINDOW_PAGE, ...(cursor ? { cursor } : {}) });
        n += page.items.filter(keep).length;
        cursor = page.cursor;
      } while (cursor);
      return { queue, count: n, maintained: false };
    }),
  );
  return { items };
}
