import { CASE_NO_PATTERN, FINAL_STATUSES, formatShanghaiIso, type TrackStatusItem, type TrackStatusRequest } from '@minsheng/shared';
import type { Deps } from '../deps';
import { isStatusKey } from './status-key';
import { progressAtOf } from './tracked-case';

/**
 * The status of the cases a phone remembers, in one request and one BatchGet (case + credential
 * items), answered in the order asked. A case is found only with its current status key: an unknown
 * case, a wrong key and a key from before a password reset all answer `found: false`, the same way.
 * No password is checked (the key is a keyed hash, compared in constant time).
 */
export async function trackStatuses(deps: Pick<Deps, 'cases' | 'statusKeyKey'>, body: TrackStatusRequest): Promise<{ items: TrackStatusItem[] }> {
  const wellFormed = body.cases.filter((c) => CASE_NO_PATTERN.test(c.caseNo)).map((c) => c.caseNo);
  const found = await deps.cases.getCasesWithCredentials(wellFormed);
  return {
    items: body.cases.map(({ caseNo, statusKey }): TrackStatusItem => {
      const hit = found.get(caseNo);
      if (!hit || !isStatusKey(deps.statusKeyKey, caseNo, hit.passwordHash, statusKey)) return { caseNo, found: false };
      const c = hit.record;
      const open = !FINAL_STATUSES.includes(c.status) && c.status !== 'replied';
      return {
        caseNo,
        found: true,
        status: c.status,
        progressAt: formatShanghaiIso(new Date(progressAtOf(c))),
        ...(open && c.schedule ? { dueAt: formatShanghaiIso(new Date(c.schedule.dueAt)) } : {}),
      };
    }),
  };
}
