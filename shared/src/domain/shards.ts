/** Partitions of the SLA timers' index: the sweep reads each, so no single partition is hot. */
export const SLA_SHARDS = 8;
/** Partitions of the notification outbox. */
export const OUTBOX_SHARDS = 4;

/** A stable shard for an id (FNV-1a hash). */
export function shardOf(id: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % shards;
}
