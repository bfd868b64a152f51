/**
 * A consultation's citizen may change their mind about publication at any time: giving consent lets
 * officials publish the answer (anonymised); withdrawing it stops that and takes an answer already
 * published out of the library at once. Either way it is on the case's timeline, in their words.
 */
import { DomainError, type CaseRecord, type TrackedCaseDto } from '@minsheng/shared';
import { newEventId } from '../case-events';
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
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.store.getCase(caseNo);
    if (!current) throw new DomainError('CASE_NOT_FOUND');
    if (current.type !== 'consultation') throw new DomainError('INVALID_TRANSITION', { message: '只有政策咨询的答复可以公开，其他诉求不需要设置' });
    if (current.publishConsent === consent) {
      // Nothing to change; a withdrawal that got this far before still takes a published item down.
      if (!consent) await unpublish(deps, caseNo);
      return getCitizenCase(deps, caseNo);
    }
    const now = deps.now();
    const next: CaseRecord = { ...current, version: current.version + 1, updatedAt: now.toISOString(), publishConsent: consent };
    // Withdrawn: the consent is off first (no new publication can start), then the item comes down.
    const written = await deps.store.applyChange(
      next,
      current.version,
      {
        eventId: newEventId(now),
        caseNo,
        at: now.toISOString(),
        kind: consent ? 'publish_consent_given' : 'publish_consent_withdrawn',
        actorRole: 'citizen',
        actorId: `case:${caseNo}`,
        fromStatus: current.status,
        toStatus: current.status,
        public: true,
        data: {},
        ...(client.ip || client.userAgent ? { client } : {}),
      },
      [],
    );
    if (!written.ok) continue;
    if (!consent) {
      const removedItemId = await unpublish(deps, caseNo);
      if (removedItemId) {
        await deps.store.appendEvent({
          eventId: newEventId(deps.now()),
          caseNo,
          at: deps.now().toISOString(),
          kind: 'unpublished_from_library',
          actorRole: 'citizen',
          actorId: `case:${caseNo}`,
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
  throw new DomainError('VERSION_CONFLICT');
}
