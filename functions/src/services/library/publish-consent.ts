/**
 * A consultation's citizen may change their mind about publication at any time: giving consent lets
 * officials publish the answer (anonymised); withdrawing it stops that and takes an answer already
 * published out of the library at once. Either way it is on the case's timeline, in their words.
 */
import { DomainError, type TrackedCaseDto } from '@minsheng/shared';
import { auditEvent, citizenOf } from '../cases/case-event';
import { updateCaseOutsideLifecycle } from '../cases/change-case';
import { getCitizenCase, type TrackedCaseDeps } from '../citizen/tracked-case';
import type { ClientInfo, Deps } from '../deps';

type ConsentDeps = TrackedCaseDeps & Pick<Deps, 'library' | 'librarySearch'>;

/** Take the library item published from `caseNo` down, if there is one; its id when it was. */
async function unpublish(deps: ConsentDeps, caseNo: string): Promise<string | undefined> {
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

export async function setPublishConsent(deps: ConsentDeps, caseNo: string, consent: boolean, client: ClientInfo): Promise<TrackedCaseDto> {
  const citizen = citizenOf(caseNo);
  // Withdrawn: the consent is off first (no new publication can start), then the item comes down.
  // Unchanged: nothing is written, but a withdrawal that got this far before still takes an item down.
  const current = await updateCaseOutsideLifecycle(deps, caseNo, citizen, client, (c) => {
    if (c.type !== 'consultation') throw new DomainError('INVALID_TRANSITION', { message: '只有政策咨询的答复可以公开，其他诉求不需要设置' });
    if (c.publishConsent === consent) return undefined;
    return { fields: { publishConsent: consent }, event: { kind: consent ? 'publish_consent_given' : 'publish_consent_withdrawn', data: {} } };
  });
  if (!consent) {
    const removedItemId = await unpublish(deps, caseNo);
    if (removedItemId) {
      await deps.cases.appendEvent(auditEvent(current, 'unpublished_from_library', citizen, deps.now(), { itemId: removedItemId }, client));
    }
  }
  return getCitizenCase(deps, caseNo);
}
