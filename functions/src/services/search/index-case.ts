import type { CaseRecord } from '@minsheng/shared';
import type { StreamChange } from '../../lib/stream';
import type { Deps } from '../deps';

/** The stream filter of the case indexer (serverless.yml): writes of case items (`CASE#<no>` / `CASE`). */
export function isCaseWrite(change: StreamChange): boolean {
  const sk = change.keys.sk ?? change.newImage?.sk ?? change.oldImage?.sk;
  const pk = change.keys.pk ?? change.newImage?.pk ?? change.oldImage?.pk;
  return sk === 'CASE' && typeof pk === 'string' && pk.startsWith('CASE#');
}

const asCase = (image: Record<string, unknown> | undefined) => (image && typeof image.caseNo === 'string' ? (image as unknown as CaseRecord) : undefined);

/**
 * Keep the case search index in step with a case write: the postings of the old image that the new
 * one no longer has are deleted, the new ones written (nothing, for the many writes that change
 * neither the text, the area, the place nor the category). Idempotent, so a record delivered again is harmless.
 */
export async function indexCaseChange(deps: Pick<Deps, 'caseSearch'>, change: StreamChange): Promise<'indexed' | 'ignored'> {
  if (!isCaseWrite(change)) return 'ignored';
  await deps.caseSearch.apply(asCase(change.oldImage), change.eventName === 'REMOVE' ? undefined : asCase(change.newImage));
  return 'indexed';
}
