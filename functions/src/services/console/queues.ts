import { DAY_MS_REVISIT, DomainError, REVISIT_AFTER_DAYS, isWithin, slaLevel, warningWindowMs, type SlaPolicy, type CaseListResponse, type CaseType, type ConsoleQueue } from '@minsheng/shared';
import type { CaseQuery, CaseSummary } from '../../ports/cases';
import type { OfficialContext } from '../auth/officials';
import type { Deps } from '../deps';
import { slaSettings, type SlaSettingsDeps } from '../sla/settings';
import { namesFrom } from '../reference/names';
import { toListItem } from './present';
import { viewerScope, type ViewerScope } from '../auth/scope';

export type QueueDeps = Pick<Deps, 'queues' | 'reference' | 'now'> & SlaSettingsDeps;

export interface QueueParams {
  queue: ConsoleQueue;
  cursor?: string;
  limit?: number;
  departmentId?: string;
  type?: CaseType;
  categoryId?: string;
  unitId?: string;
}

/** Which queues each role works from. */
const QUEUES_BY_ROLE: Record<OfficialContext['role'], readonly ConsoleQueue[]> = {
  intake: ['intake', 'department', 'answered', 'due_soon', 'overdue', 'closed', 'mine', 'revisit'],
  handler: ['department', 'assisting', 'answered', 'due_soon', 'overdue', 'closed'],
  supervisor: ['intake', 'department', 'answered', 'due_soon', 'overdue', 'escalated', 'closed'],
  admin: [],
};

export function queuesFor(role: OfficialContext['role']): readonly ConsoleQueue[] {
  return QUEUES_BY_ROLE[role];
}

/**
 * The Query behind each queue. 即将超期 reads the cases due within the widest warning window
 * (`warningWindowMs`); which of them are in warning is decided per case by slaLevel (see listQueue).
 */
function queueQuery(params: QueueParams, viewer: OfficialContext, scope: ViewerScope, now: Date, warningWindow: number, revisitFrom: number): CaseQuery {
  // Below the root, the city-wide lists are read from the viewer's county's partitions (gsi6/gsi7).
  // Below a county (a 街道/乡镇), the county's partition filtered to the viewer's subtree.
  const county = viewer.role !== 'handler' && scope.county ? { county: scope.county, ...(scope.level >= 3 ? { withinPath: scope.path } : {}) } : {};
  const nowIso = now.toISOString();
  const soonIso = new Date(now.getTime() + warningWindow).toISOString();
  const ownDept = viewer.role === 'handler' ? viewer.departmentId! : params.departmentId;
  switch (params.queue) {
    case 'intake':
      return { kind: 'intake', unitId: params.unitId ?? scope.unitId };
    case 'department':
      if (!ownDept) throw new DomainError('VALIDATION_FAILED', { fields: { departmentId: '请选择要查看的部门' } });
      return { kind: 'department', departmentId: ownDept };
    case 'answered':
      // 已答复: answered, awaiting the citizen's rating (status replied), on the answering department's partition.
      if (!ownDept) throw new DomainError('VALIDATION_FAILED', { fields: { departmentId: '请选择要查看的部门' } });
      return { kind: 'answered', departmentId: ownDept };
    case 'assisting':
      // 协办: the parts this handler's department is still expected to submit (the part items' index keys).
      if (viewer.role !== 'handler' || !viewer.departmentId) throw new DomainError('FORBIDDEN', { message: '您的角色不能查看该队列' });
      return { kind: 'assisting', departmentId: viewer.departmentId };
    case 'due_soon':
      return ownDept && viewer.role === 'handler'
        ? { kind: 'department', departmentId: ownDept, dueFrom: nowIso, dueBefore: soonIso }
        : { kind: 'open_by_due', dueFrom: nowIso, dueBefore: soonIso, ...county };
    case 'overdue':
      return ownDept && viewer.role === 'handler' ? { kind: 'department', departmentId: ownDept, dueBefore: nowIso } : { kind: 'open_by_due', dueBefore: nowIso, ...county };
    case 'escalated':
      return { kind: 'escalated', ...county };
    case 'closed':
      return viewer.role === 'handler' ? { kind: 'closed', departmentId: ownDept! } : { kind: 'closed', ...county };
    case 'mine':
      return { kind: 'owner', officialId: viewer.username };
    case 'revisit':
      // Answered at least the shortest policy's revisitDays ago; each type's own delay is checked per row.
      return { kind: 'revisit', answeredBefore: new Date(now.getTime() - revisitFrom * DAY_MS_REVISIT).toISOString(), ...county };
  }
}

/** 回访: days after an answer before a case of this type is due for a return visit. */
export function revisitDaysOf(policies: Record<string, SlaPolicy>, type: CaseType): number {
  return policies[type]?.revisitDays ?? REVISIT_AFTER_DAYS;
}

/**
 * The Query behind one of this official's queues, checked as the list checks it (role, department and
 * unit within the official's scope): what the list reads, and what the counts route counts.
 */
export async function resolveQueue(deps: QueueDeps, viewer: OfficialContext, params: QueueParams) {
  if (!QUEUES_BY_ROLE[viewer.role].includes(params.queue)) throw new DomainError('FORBIDDEN', { message: '您的角色不能查看该队列' });
  const scope = await viewerScope(deps, viewer);
  const dept = params.departmentId ? scope.departments.find((d) => d.id === params.departmentId) : undefined;
  if (params.departmentId && !dept) throw new DomainError('UNKNOWN_DEPARTMENT', { fields: { departmentId: '部门不存在' } });
  // Intake and supervisors see their unit's subtree: another unit's department queue is not theirs to read.
  if (dept && viewer.role !== 'handler' && !isWithin(await scope.pathOf(dept.unitId), scope.path)) {
    throw new DomainError('FORBIDDEN', { message: '只能查看本级及下级单位的案件' });
  }
  if (params.unitId !== undefined && params.unitId !== scope.unitId) {
    const unit = await scope.unit(params.unitId);
    if (!unit) throw new DomainError('VALIDATION_FAILED', { fields: { unitId: '单位不存在' } });
    if (viewer.role !== 'supervisor' || !isWithin(unit.path, scope.path)) {
      throw new DomainError('FORBIDDEN', { message: '只能查看本级及下级单位的案件' });
    }
  }
  const now = deps.now();
  const { calendar, policies } = await slaSettings(deps);
  const revisitFrom = Math.min(...Object.values(policies).map((p) => p.revisitDays ?? REVISIT_AFTER_DAYS));
  const query = queueQuery(params, viewer, scope, now, warningWindowMs(Object.values(policies), now, calendar), revisitFrom);
  return { scope, now, calendar, policies, query };
}

/**
 * What the index of a queue cannot select and each of its rows is checked for: the handler's own department, a
 * township's subtree within its county's partition, a pause, the case's own SLA level, its type's 回访 delay, and
 * the list's type and category filters. The list and the counts route apply the same test.
 */
export function queueRowFilter(viewer: OfficialContext, params: QueueParams, resolved: Awaited<ReturnType<typeof resolveQueue>>): (c: CaseSummary) => boolean {
  const { scope, now, calendar, policies, query } = resolved;
  // A township's view is its county's partition, filtered to its subtree (the cost is bounded by the county's).
  const filterSubtree = viewer.role !== 'handler' && scope.level >= 3 && query.kind !== 'intake' && query.kind !== 'department';
  return (c: CaseSummary) =>
    (viewer.role !== 'handler' || (params.queue === 'assisting' ? c.part?.departmentId === viewer.departmentId : (c.answerDepartmentId ?? c.departmentId) === viewer.departmentId)) &&
    (!filterSubtree || isWithin(c.unitPath, scope.path)) &&
    // 我受理的 follows the officer, but lists only what they may still open (not after a move to another unit).
    (params.queue !== 'mine' || isWithin(c.unitPath, scope.path)) &&
    // A paused case (awaiting the citizen) is neither due soon nor overdue.
    (!(params.queue === 'due_soon' || params.queue === 'overdue') || !c.clock.pausedSince) &&
    // Due soon = in warning, exactly as the case's own SLA level says (and the timers warned).
    (params.queue !== 'due_soon' || slaLevel(c.clock, now, calendar) === 'warning') &&
    // 回访: due by the case type's own delay (the Query read from the shortest one).
    (params.queue !== 'revisit' || (c.answeredAt !== undefined && Date.parse(c.answeredAt) + revisitDaysOf(policies, c.type) * DAY_MS_REVISIT <= now.getTime())) &&
    (!params.type || c.type === params.type) &&
    (!params.categoryId || c.categoryId === params.categoryId);
}

/** A work queue for this official: one Query on an index (its summaries only), most urgent first, paged with a cursor. */
export async function listQueue(deps: QueueDeps, viewer: OfficialContext, params: QueueParams): Promise<CaseListResponse> {
  const resolved = await resolveQueue(deps, viewer, params);
  const { scope, now, calendar, query } = resolved;
  const limit = Math.min(Math.max(params.limit ?? 20, 1), 100);
  const keep = queueRowFilter(viewer, params, resolved);
  // Filters the index can't express are applied to each page; keep reading (asking only for what
  // is still missing, so the cursor stays exact) until the page is full or the list ends.
  // Each page is the index alone: the rows come from the summary the index carries, no case is read.
  const found: CaseSummary[] = [];
  let cursor = params.cursor;
  for (let reads = 0; reads < 10 && found.length < limit; reads++) {
    const page = await deps.queues.listCaseSummaries(query, { limit: limit - found.length, ...(cursor ? { cursor } : {}) });
    found.push(...page.items.filter(keep));
    cursor = page.cursor;
    if (!cursor) break;
  }
  const names = namesFrom(scope.departments, await deps.reference.listCategories());
  return { queue: params.queue, items: found.map((c) => toListItem(c, names, now, calendar)), ...(cursor ? { nextCursor: cursor } : {}) };
}

