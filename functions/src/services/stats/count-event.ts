import type { CounterDelta } from '@minsheng/shared';
import type { StreamChange } from '../../lib/stream';
import type { Deps } from '../deps';

/** The stream filter of the stats consumer (serverless.yml): only new case events that carry counters. */
export function isCountedEventInsert(change: StreamChange): boolean {
  const item = change.newImage;
  return change.eventName === 'INSERT' && typeof item?.sk === 'string' && item.sk.startsWith('EVT#') && typeof item.counters === 'string';
}

/**
 * Add the counters a case event carries to the statistics, once: a record delivered again (the
 * stream is at least once; a batch is retried from its failed record) finds the event marked
 * counted and adds nothing. Anything else on the stream is ignored.
 */
export async function countEvent(deps: Pick<Deps, 'stats'>, change: StreamChange): Promise<'counted' | 'already_counted' | 'ignored'> {
  if (!isCountedEventInsert(change)) return 'ignored';
  const item = change.newImage!;
  const counters = JSON.parse(item.counters as string) as CounterDelta[];
  if (!counters.length) return 'ignored';
  return deps.stats.countEvent({ caseNo: String(item.caseNo), eventId: String(item.eventId), at: String(item.at), counters });
}
