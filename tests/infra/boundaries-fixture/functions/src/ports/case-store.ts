// Allowed in ports: shared, lib (types), ports.
import type * as shared from '@minsheng/shared';
import type { HttpError } from '../lib/errors';
import type { Clock } from './clock';

export interface CaseStore {
  put(id: string, clock: Clock): Promise<HttpError | undefined>;
}
export type Shared = typeof shared;
