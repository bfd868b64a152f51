import { DomainError, assistsOn, attachmentFileName, formatShanghaiIso, type AttachmentUrlDto } from '@minsheng/shared';
import { auditEvent } from '../cases/case-event';
import type { OfficialContext } from '../auth/officials';
import type { ClientInfo, Deps } from '../deps';
import { LINK_SECONDS } from '../evidence/uploads';
import { assertCaseInScope, viewerScope } from '../auth/scope';

/**
 * A link (valid five minutes) to one of a case's files, for an official who may see the case —
 * recorded in the audit trail before the link is made. There are only sanitised copies, so a
 * handler of a report can never receive the sender's original (GPS, device) whatever they open.
 */
export async function attachmentUrl(
  deps: Pick<Deps, 'cases' | 'storage' | 'reference' | 'now'>,
  viewer: OfficialContext,
  caseNo: string,
  attachmentId: string,
  thumb: boolean,
  client: ClientInfo,
): Promise<AttachmentUrlDto> {
  if (viewer.role === 'admin') throw new DomainError('FORBIDDEN');
  const c = await deps.cases.getCase(caseNo);
  // A handler of the lead department, or of one assisting on it (协办).
  if (!c || (viewer.role === 'handler' && c.departmentId !== viewer.departmentId && !assistsOn(await deps.cases.listParts(caseNo), viewer.departmentId))) throw new DomainError('CASE_NOT_FOUND');
  if (viewer.role !== 'handler') assertCaseInScope(c, viewer, await viewerScope(deps, viewer));
  const a = c.attachments?.find((x) => x.id === attachmentId);
  if (!a) throw new DomainError('NOT_FOUND', { message: '附件不存在' });
  const now = deps.now();
  await deps.cases.appendEvent(auditEvent(c, 'attachment_viewed', { role: viewer.role, id: viewer.username }, now, { attachmentId, variant: thumb && a.thumbKey ? 'thumb' : 'full' }, client));
  const fileName = attachmentFileName(caseNo, a);
  const key = thumb && a.thumbKey ? a.thumbKey : a.key;
  const url = await deps.storage.presignGet(key, { expiresSeconds: LINK_SECONDS, contentType: a.contentType, ...(a.kind === 'pdf' ? { downloadName: fileName } : {}) });
  return { url, expiresAt: formatShanghaiIso(new Date(now.getTime() + LINK_SECONDS * 1000)), fileName, contentType: a.contentType };
}
