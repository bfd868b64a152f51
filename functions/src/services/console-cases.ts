import {
  CASE_STATUS_LABELS,
  DomainError,
  type CaseCommand,
  type CaseListResponse,
  type CaseRecord,
  type ConsoleActionRequest,
  type ConsoleCaseDto,
  type ConsoleEventDto,
  type ConsoleQueue,
  type CaseType,
} from '@minsheng/shared';
import type { CaseQuery } from '../ports/case-store';
import { changeCase, newEventId } from './case-events';
import { requireRole, type OfficialContext } from './console-auth';
import { mayReveal, namesFrom, toConsoleCase, toListItem } from './console-present';
import type { ClientInfo, Deps } from './deps';
import { workingCalendar } from './sla-settings';

/** "Due soon" means due within this many days (a complaint's warning comes 3 days before it is due). */
export const DUE_SOON_DAYS = 3;

export interface QueueParams {
  queue: ConsoleQueue;
  cursor?: string;
  limit?: number;
  departmentId?: string;
  type?: CaseType;
  categoryId?: string;
}

/** Which queues each role works from. */
const QUEUES_BY_ROLE: Record<OfficialContext['role'], readonly ConsoleQueue[]> = {
  intake: ['intake', 'department', 'due_soon', 'overdue', 'closed', 'mine'],
  handler: ['department', 'due_soon', 'overdue', 'closed'],
  supervisor: ['intake', 'department', 'due_soon', 'overdue', 'escalated', 'closed'],
  admin: [],
};

export function queuesFor(role: OfficialContext['role']): readonly ConsoleQueue[] {
  return QUEUES_BY_ROLE[role];
}

/** Handlers see only cases of their own department; for anyone else a case outside scope is "not found". */
function assertInScope(c: CaseRecord | undefined, viewer: OfficialContext): asserts c is CaseRecord {
  if (!c) throw new DomainError('CASE_NOT_FOUND');
  if (viewer.role === 'handler' && c.departmentId !== viewer.departmentId) throw new DomainError('CASE_NOT_FOUND');
}

function queueQuery(params: QueueParams, viewer: OfficialContext, now: Date): CaseQuery {
  const nowIso = now.toISOString();
  const soonIso = new Date(now.getTime() + DUE_SOON_DAYS * 24 * 3600 * 1000).toISOString();
  const ownDept = viewer.role === 'handler' ? viewer.departmentId! : params.departmentId;
  switch (params.queue) {
    case 'intake':
      return { kind: 'intake' };
    case 'department':
      if (!ownDept) throw new DomainError('VALIDATION_FAILED', { fields: { departmentId: '请选择要查看的部门' } });
      return { kind: 'department', departmentId: ownDept };
    case 'due_soon':
      return ownDept && viewer.role === 'handler'
        ? { kind: 'department', departmentId: ownDept, dueFrom: nowIso, dueBefore: soonIso }
        : { kind: 'open_by_due', dueFrom: nowIso, dueBefore: soonIso };
    case 'overdue':
      return ownDept && viewer.role === 'handler' ? { kind: 'department', departmentId: ownDept, dueBefore: nowIso } : { kind: 'open_by_due', dueBefore: nowIso };
    case 'escalated':
      return { kind: 'escalated' };
    case 'closed':
      return viewer.role === 'handler' ? { kind: 'closed', departmentId: ownDept! } : { kind: 'closed' };
    case 'mine':
      return { kind: 'owner', officialId: viewer.username };
  }
}

/** A work queue for this official: one Query on an index, most urgent first, paged with a cursor. */
export async function listQueue(deps: Deps, viewer: OfficialContext, params: QueueParams): Promise<CaseListResponse> {
  if (!QUEUES_BY_ROLE[viewer.role].includes(params.queue)) throw new DomainError('FORBIDDEN', { message: '您的角色不能查看该队列' });
  if (params.departmentId && !(await deps.store.listDepartments()).some((d) => d.id === params.departmentId)) {
    throw new DomainError('UNKNOWN_DEPARTMENT', { fields: { departmentId: '部门不存在' } });
  }
  const now = deps.now();
  const limit = Math.min(Math.max(params.limit ?? 20, 1), 100);
  const query = queueQuery(params, viewer, now);
  const keep = (c: CaseRecord) =>
    (viewer.role !== 'handler' || (c.answer?.departmentId ?? c.departmentId) === viewer.departmentId) &&
    // A paused case (awaiting the citizen) is neither due soon nor overdue.
    (!(params.queue === 'due_soon' || params.queue === 'overdue') || !c.clock.pausedSince) &&
    (!params.type || c.type === params.type) &&
    (!params.categoryId || c.categoryId === params.categoryId);
  // Filters the index can't express are applied to each page; keep reading (asking only for what
  // is still missing, so the cursor stays exact) until the page is full or the list ends.
  const found: CaseRecord[] = [];
  let cursor = params.cursor;
  for (let reads = 0; reads < 10 && found.length < limit; reads++) {
    const page = await deps.store.listCases(query, { limit: limit - found.length, ...(cursor ? { cursor } : {}) });
    found.push(...page.items.filter(keep));
    cursor = page.cursor;
    if (!cursor) break;
  }
  const [departments, categories, calendar] = await Promise.all([deps.store.listDepartments(), deps.store.listCategories(), workingCalendar(deps)]);
  const names = namesFrom(departments, categories);
  return { queue: params.queue, items: found.map((c) => toListItem(c, names, now, calendar)), ...(cursor ? { nextCursor: cursor } : {}) };
}

async function names(deps: Deps) {
  const [departments, categories] = await Promise.all([deps.store.listDepartments(), deps.store.listCategories()]);
  return namesFrom(departments, categories);
}

/**
 * Case detail. `reveal` shows contact details unmasked — allowed to intake and supervisors only,
 * and recorded in the audit trail before anything is shown.
 */
export async function getConsoleCase(deps: Deps, viewer: OfficialContext, caseNo: string, reveal: boolean, client: ClientInfo): Promise<ConsoleCaseDto> {
  if (viewer.role === 'admin') throw new DomainError('FORBIDDEN');
  const c = await deps.store.getCase(caseNo);
  assertInScope(c, viewer);
  if (reveal) {
    if (!mayReveal(viewer)) throw new DomainError('FORBIDDEN', { message: '只有受理员和督办可以查看完整联系方式' });
    const now = deps.now();
    await deps.store.appendEvent({
      eventId: newEventId(now),
      caseNo,
      at: now.toISOString(),
      kind: 'contact_revealed',
      actorRole: viewer.role,
      actorId: viewer.username,
      fromStatus: c.status,
      toStatus: c.status,
      public: false,
      data: { fields: 'contact,content' },
      ...(client.ip || client.userAgent ? { client } : {}),
    });
  }
  return presentCase(deps, viewer, c, reveal, names(deps));
}

/** The case as the console shows it to `viewer`, with its timeline read now. */
async function presentCase(deps: Deps, viewer: OfficialContext, c: CaseRecord, reveal: boolean, caseNames: ReturnType<typeof names>): Promise<ConsoleCaseDto> {
  const [events, resolvedNames, calendar] = await Promise.all([deps.store.listEvents(c.caseNo), caseNames, workingCalendar(deps)]);
  return toConsoleCase(c, events, viewer, resolvedNames, deps.now(), reveal, calendar);
}

/** What a handler gets back after handing a case out of their department (send_back): it is no longer theirs to see. */
export interface HandedOverDto {
  caseNo: string;
  status: CaseRecord['status'];
  statusLabel: string;
  version: number;
  handedOver: true;
}

/** Run one official action through the state machine, at the version the official saw. */
export async function runConsoleAction(deps: Deps, viewer: OfficialContext, caseNo: string, body: ConsoleActionRequest, client: ClientInfo): Promise<ConsoleCaseDto | HandedOverDto> {
  if (viewer.role === 'admin') throw new DomainError('FORBIDDEN');
  const c = await deps.store.getCase(caseNo);
  assertInScope(c, viewer);

  const { expectedVersion, ...command } = body;
  // Departments and categories are read once: to check the target department and to present the result.
  const reference = Promise.all([deps.store.listDepartments(), deps.store.listCategories()]);
  reference.catch(() => undefined); // awaited below; a failure surfaces there
  if (command.action === 'accept' || command.action === 'transfer') {
    const dept = (await reference)[0].find((d) => d.id === command.departmentId && d.active);
    if (!dept) throw new DomainError('UNKNOWN_DEPARTMENT', { fields: { departmentId: '所选部门不存在' } });
  }
  if (command.action === 'merge') {
    const kept = await deps.store.getCase(command.intoCaseNo);
    if (!kept) throw new DomainError('VALIDATION_FAILED', { fields: { intoCaseNo: '要并入的案件不存在' } });
    if (kept.status === 'merged' || kept.status === 'rejected') throw new DomainError('VALIDATION_FAILED', { fields: { intoCaseNo: '不能并入已合并或不予受理的案件' } });
  }
  const next = await changeCase(
    deps,
    caseNo,
    command as CaseCommand,
    { role: viewer.role, id: viewer.username, ...(viewer.departmentId ? { departmentId: viewer.departmentId } : {}) },
    client,
    expectedVersion,
  );
  if (viewer.role === 'handler' && next.departmentId !== viewer.departmentId) {
    return { caseNo, status: next.status, statusLabel: CASE_STATUS_LABELS[next.status], version: next.version, handedOver: true };
  }
  // What was just written, not a second read of it.
  return presentCase(deps, viewer, next, false, reference.then(([departments, categories]) => namesFrom(departments, categories)));
}

/** The audit trail of a case: every event, who, role, before/after status, when, from where. */
export async function getAudit(deps: Deps, viewer: OfficialContext, caseNo: string): Promise<{ caseNo: string; items: ConsoleEventDto[] }> {
  requireRole(viewer, ['intake', 'handler', 'supervisor', 'admin']);
  const c = await deps.store.getCase(caseNo);
  assertInScope(c, viewer);
  const events = await deps.store.listEvents(caseNo);
  // Presented as to the viewer: masked, and without request origins for handlers.
  return { caseNo, items: toConsoleCase(c, events, viewer, await names(deps), deps.now(), false, await workingCalendar(deps)).timeline };
}

