import { monotonicFactory } from 'ulid';
import type { LibraryKind } from '@minsheng/shared';

const nextUlid = monotonicFactory();

/** A new item id: `p-…` for a policy, `qa-…` for a Q&A; time-ordered. */
export function newLibraryId(kind: LibraryKind, at: Date): string {
  return `${kind === 'policy' ? 'p' : 'qa'}-${nextUlid(at.getTime()).toLowerCase()}`;
}
