import { DomainError, ROOT_UNIT_ID, isWithin, type ConsoleFileCaseRequest, type FileCaseRequest } from '@minsheng/shared';
import { fileCase, type FiledCase, type FilingDeps } from '../cases/filing';
import { requireRole, type OfficialContext } from '../auth/officials';
import { viewerScope } from '../auth/scope';
import type { ClientInfo } from '../deps';

/**
 * 来电登记: intake files a case on behalf of a caller (phone, visit, letter, 12345 hotline). The
 * case is filed exactly as a citizen's — the same filing service, credentials, placement, idempotency
 * and filing SMS (sent when `sendSms` and a phone are given) — with the channel, and the official as
 * the actor of its first event and as `filedBy`. Without a place the case is filed at the official's
 * own unit; a place outside their subtree is refused (they would not see the case they filed).
 */
export async function fileOnBehalf(deps: FilingDeps, viewer: OfficialContext, body: ConsoleFileCaseRequest, idempotencyKey: string | undefined, client: ClientInfo): Promise<FiledCase> {
  requireRole(viewer, ['intake']);
  const scope = await viewerScope(deps, viewer);
  const unitId = body.placeUnitId ?? (scope.unitId === ROOT_UNIT_ID ? undefined : scope.unitId);
  if (body.placeUnitId) {
    const unit = await scope.unit(body.placeUnitId);
    if (unit && !isWithin(unit.path, scope.path)) {
      throw new DomainError('VALIDATION_FAILED', { fields: { placeUnitId: '只能登记本级及下级辖区内的诉求' } });
    }
  }
  const contact = body.anonymous ? undefined : { ...(body.callerName ? { name: body.callerName } : {}), ...(body.callerPhone ? { phone: body.callerPhone } : {}) };
  const request: FileCaseRequest = {
    type: body.type,
    categoryId: body.categoryId,
    title: body.title,
    content: body.content,
    ...(body.anonymous ? { anonymous: true } : {}),
    ...(contact && (contact.name || contact.phone) ? { contact } : {}),
    ...(unitId || body.location ? { location: { ...(body.location ? { text: body.location } : {}), ...(unitId ? { unitId } : {}) } } : {}),
    // The caller is texted the case number only when the operator ticks 短信发送查询码.
    ...(contact?.phone ? { smsOptIn: body.sendSms ?? false } : {}),
  };
  return fileCase(deps, request, idempotencyKey, client, { channel: body.channel, official: { role: 'intake', id: viewer.username } });
}
