/**
 * A consultation's citizen may change their mind about publication at any time: giving consent lets
 * officials publish the answer (anonymised); withdrawing it stops that and takes an answer already
 * published out of the library at once. Either way it is on the case's timeline, in their words.
 */
import { DomainError, type TrackedCaseDto } from '@minsheng/shared';
import { newEventId, updateCaseOutsideLifecycle } from '../case-events';
import { getCitizenCase } from '../citizen-case';
import type { ClientInfo, Deps } from '../deps';

/** Take the library item published from `caseNo` down, if there is one; its id when it was. */
async function unpublish(deps: Deps, caseNo: string): Promise<string | undefined> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const id = await deps.library.getPublishedItemId(caseNo);
    const item = id ? await deps.library.getItem(id, { consistent: true }) : undefined;
    if (!item) return undefined;
    const done = await deps.library.deleteItem(item, item.revision, deps.now().toISOString());
    if (done.ok) {
      deps.librarySearch.invalidate();
      return item.id;
    }
    // Edited by an admin at this moment: read it again and take that down.
  }
  throw new DomainError('VERSION_CONFLICT', { message: '问答库中的条目正被修改，请稍后重试' });
}

export async function setPublishConsent(deps: Deps, caseNo: string, consent: boolean, client: ClientInfo): Promise<TrackedCaseDto> {
  const citizen = { role: 'citizen' as const, id: `case:${caseNo}` };
  // Withdrawn: the consent is off first (no new publication can start), then the item comes down.
  // Unchanged: nothing is written, but a withdrawal that got this far before still takes an item down.
  const current = await updateCaseOutsideLifecycle(deps, caseNo, citizen, client, (c) => {
    if (c.type !== 'consultation') throw new DomainError('INVALID_TRANSITION', { message: '只有政策咨询的答复可以公开，其他诉求不需要设置' });
    if (c.publishConsent === consent) return undefined;
    return { fields: { publishConsent: consent }, event: { kind: consent ? 'publish_consent_given' : 'publish_consent_withdrawn', public: true, data: {} } };
  });
  if (!consent) {
    const removedItemId = await unpublish(deps, caseNo);
    if (removedItemId) {
      const now = deps.now();
      await deps.store.appendEvent({
        eventId: newEventId(now),
        caseNo,
        at: now.toISOString(),
        kind: 'unpublished_from_library',
        actorRole: citizen.role,
        actorId: citizen.id,
        fromStatus: current.status,
        toStatus: current.status,
        public: false,
        data: { itemId: removedItemId },
        ...(client.ip || client.userAgent ? { client } : {}),
      });
    }
  }
  return getCitizenCase(deps, caseNo);
}
