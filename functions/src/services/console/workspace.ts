import {
  CASE_STATUS_LABELS,
  DomainError,
  assistsOn,
  type CaseCommand,
  type CasePart,
  type CaseRecord,
  type ConsoleActionRequest,
  type ConsoleCaseDto,
  type ConsoleEventDto,
} from '@minsheng/shared';
import { auditEvent } from '../cases/case-event';
import { changeCase, type ChangeCaseDeps } from '../cases/change-case';
import { changePart } from '../cases/change-part';
import { requireRole, type OfficialContext } from '../auth/officials';
import type { ClientInfo, Deps } from '../deps';
import type { CaseEvent } from '../../ports/cases';
import { slaSettings, workingCalendar, type SlaSettingsDeps } from '../sla/settings';
import { revisitDaysOf } from './queues';
import { namesFrom } from '../reference/names';
import { mayReveal, toConsoleCase } from './present';
import { checkAttachments, claimAttachments, uploadOwner } from '../evidence/uploads';
import { assertCaseInScope, assertDepartmentInSubtree, viewerScope, type ViewerScope } from '../auth/scope';
import { moveReference, withMoveContext, withMoveView } from './dispatch';

/** What showing a case to an official needs. */
export type CaseViewDeps = Pick<Deps, 'cases' | 'reference' | 'now'> & SlaSettingsDeps & { officials?: Pick<Deps['officials'], 'getOfficial'> };

/**
 * Display names of the officials a case mentions (its events' actors, its owner, who answered), read
 * from their accounts: names only. Events keep the login name (actorId); an account that is gone keeps it.
 */
export async function officialNamesFor(deps: Pick<CaseViewDeps, 'officials'>, c: CaseRecord, events: CaseEvent[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const e of events) if (e.actorRole !== 'citizen' && e.actorRole !== 'system') ids.add(e.actorId);
  if (c.ownerId) ids.add(c.ownerId);
  if (c.filedBy) ids.add(c.filedBy);
  if (c.answer?.officialId) ids.add(c.answer.officialId);
  const officials = deps.officials;
  if (!officials) return new Map();
  const found = await Promise.all([...ids].map(async (id) => [id, (await officials.getOfficial(id))?.displayName] as const));
  return new Map(found.filter((f): f is readonly [string, string] => Boolean(f[1])));
}
/** What an official's action needs besides: their files, claimed and copied under the case. */
export type ActionDeps = CaseViewDeps & ChangeCaseDeps & Pick<Deps, 'uploads' | 'storage'>;

/**
/**
 * Handlers see only cases of their own department, or those their department assists on (协办:
 * `assistsOn`); intake and supervisors the cases of their unit's subtree (services/auth/scope.ts); a
 * case outside scope is "not found". Returns the viewer's scope.
 */
async function assertInScope(deps: Pick<Deps, 'reference'>, c: CaseRecord | undefined, viewer: OfficialContext, parts: readonly CasePart[] = []): Promise<ViewerScope> {
  if (!c) throw new DomainError('CASE_NOT_FOUND');
  if (viewer.role === 'handler') {
    if (c.departmentId !== viewer.departmentId && !assistsOn(parts, viewer.departmentId)) throw new DomainError('CASE_NOT_FOUND');
    return viewerScope(deps, viewer);
  }
  const scope = await viewerScope(deps, viewer);
  assertCaseInScope(c, viewer, scope);
  return scope;
}

/** The case and its 协办 parts, read together. */
async function caseAndParts(deps: Pick<Deps, 'cases'>, caseNo: string): Promise<[CaseRecord | undefined, CasePart[]]> {
  return Promise.all([deps.cases.getCase(caseNo), deps.cases.listParts(caseNo)]);
}

async function names(deps: Pick<Deps, 'reference'>) {
  return namesFrom(...(await reference(deps)));
}

function reference(deps: Pick<Deps, 'reference'>) {
  return Promise.all([deps.reference.listDepartments(), deps.reference.listCategories()]);
}

/**
 * Case detail. `reveal` shows contact details unmasked — allowed to intake and supervisors only,
 * and recorded in the audit trail before anything is shown.
 */
export async function getConsoleCase(deps: CaseViewDeps, viewer: OfficialContext, caseNo: string, reveal: boolean, client: ClientInfo): Promise<ConsoleCaseDto> {
  if (viewer.role === 'admin') throw new DomainError('FORBIDDEN');
  const [c, parts] = await caseAndParts(deps, caseNo);
  await assertInScope(deps, c, viewer, parts);
  if (!c) throw new DomainError('CASE_NOT_FOUND');
  if (reveal) {
    if (!mayReveal(viewer, c)) {
      throw new DomainError('FORBIDDEN', { message: c.type === 'report' ? '举报人的身份和联系方式不向承办部门公开' : '只有受理员、督办和主办部门承办人可以查看完整联系方式' });
    }
    await deps.cases.appendEvent(auditEvent(c, 'contact_revealed', { role: viewer.role, id: viewer.username }, deps.now(), { fields: 'contact,content' }, client));
  }
  return presentCase(deps, viewer, c, reveal, reference(deps), parts);
}

/** The case as the console shows it to `viewer`, with its timeline (and, unless given, its parts) read now. */
async function presentCase(deps: CaseViewDeps, viewer: OfficialContext, c: CaseRecord, reveal: boolean, caseReference: ReturnType<typeof reference>, knownParts?: CasePart[]): Promise<ConsoleCaseDto> {
  const [events, [departments, categories], calendar, moves, parts] = await Promise.all([
    deps.cases.listEvents(c.caseNo),
    caseReference,
    workingCalendar(deps),
    moveReference(deps, viewer, c),
    knownParts ?? deps.cases.listParts(c.caseNo),
  ]);
  const officialNames = await officialNamesFor(deps, c, events);
  const dto = toConsoleCase(c, events, viewer, namesFrom(departments, categories), deps.now(), reveal, calendar, officialNames, parts);
  return withMoveView(dto, c, viewer, { ...moves, departments, categories }, officialNames);
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
export async function runConsoleAction(deps: ActionDeps, viewer: OfficialContext, caseNo: string, body: ConsoleActionRequest, client: ClientInfo): Promise<ConsoleCaseDto | HandedOverDto> {
  if (viewer.role === 'admin') throw new DomainError('FORBIDDEN');
  const [c, parts] = await caseAndParts(deps, caseNo);
  const scope = await assertInScope(deps, c, viewer, parts);
  if (!c) throw new DomainError('CASE_NOT_FOUND');
  const actor = { role: viewer.role, id: viewer.username, ...(viewer.departmentId ? { departmentId: viewer.departmentId } : {}) };
  if (body.action === 'submit_part' || body.action === 'return_part') {
    const { expectedVersion: seen, ...partCommand } = body;
    const changed = await changePart(deps, caseNo, partCommand, actor, client, seen);
    return presentCase(deps, viewer, changed.record, false, Promise.all([deps.reference.listDepartments(), deps.reference.listCategories()]), changed.parts);
  }

  const { expectedVersion, ...rest } = body;
  const { attachments: refs, ...command } = rest as typeof rest & { attachments?: { uploadId: string }[] };
  // Departments and categories are read once: to check the target department and to present the result.
  const reference = Promise.all([deps.reference.listDepartments(), deps.reference.listCategories()]);
  reference.catch(() => undefined); // awaited below; a failure surfaces there
  const moving = command.action === 'accept' || command.action === 'transfer' || (command.action === 'decide_dispute' && command.departmentId !== undefined);
  if (moving) {
    const dept = (await reference)[0].find((d) => d.id === command.departmentId && d.active);
    if (!dept) throw new DomainError('UNKNOWN_DEPARTMENT', { fields: { departmentId: '所选部门不存在' } });
    await assertDepartmentInSubtree(scope, dept);
    const departments = (await reference)[0];
    for (const a of ('assisting' in command ? command.assisting : undefined) ?? []) {
      const assisting = departments.find((d) => d.id === a.departmentId && d.active);
      if (!assisting) throw new DomainError('UNKNOWN_DEPARTMENT', { fields: { assisting: '所选协办部门不存在' } });
      await assertDepartmentInSubtree(scope, assisting);
    }
  }
  if (command.action === 'merge') {
    const kept = await deps.cases.getCase(command.intoCaseNo);
    if (!kept) throw new DomainError('VALIDATION_FAILED', { fields: { intoCaseNo: '要并入的案件不存在' } });
    if (kept.status === 'merged' || kept.status === 'rejected') throw new DomainError('VALIDATION_FAILED', { fields: { intoCaseNo: '不能并入已合并或不予受理的案件' } });
  }
  // An official's files (a reply letter, a form to fill in) go only with a reply or a request for information.
  const checked = await checkAttachments(deps, refs, uploadOwner.official(viewer.username), 'official');
  const units = command.action === 'escalate_up' ? await deps.reference.listUnits() : [];
  const moved = withMoveContext(command as CaseCommand, c, viewer, units);
  // 回访: the delay of the case type's policy in force (the citizen's own time to rate first).
  const decided: CaseCommand = moved.action === 'revisit' ? { ...moved, revisitDays: revisitDaysOf((await slaSettings(deps)).policies, c.type) } : moved;
  const claimed = await claimAttachments(deps, checked, caseNo, deps.now(), { from: 'official', by: viewer.username }, command.action === 'reply' ? 'reply' : 'request_info');
  let next: CaseRecord;
  try {
    next = await changeCase(
      deps,
      caseNo,
      decided,
      actor,
      client,
      expectedVersion,
      claimed.records,
    );
  } catch (error) {
    await claimed.undo();
    throw error;
  }
  await claimed.done();
  if (viewer.role === 'handler' && next.departmentId !== viewer.departmentId) {
    return { caseNo, status: next.status, statusLabel: CASE_STATUS_LABELS[next.status], version: next.version, handedOver: true };
  }
  // What was just written, not a second read of it.
  return presentCase(deps, viewer, next, false, reference);
}

/** The audit trail of a case: every event, who, role, before/after status, when, from where. */
export async function getAudit(deps: CaseViewDeps, viewer: OfficialContext, caseNo: string): Promise<{ caseNo: string; items: ConsoleEventDto[] }> {
  requireRole(viewer, ['intake', 'handler', 'supervisor', 'admin']);
  const [c, parts] = await caseAndParts(deps, caseNo);
  if (viewer.role !== 'admin') await assertInScope(deps, c, viewer, parts);
  if (!c) throw new DomainError('CASE_NOT_FOUND');
  const events = await deps.cases.listEvents(caseNo);
  // Presented as to the viewer: masked, and without request origins for handlers.
  return { caseNo, items: toConsoleCase(c, events, viewer, await names(deps), deps.now(), false, await workingCalendar(deps), await officialNamesFor(deps, c, events)).timeline };
}

