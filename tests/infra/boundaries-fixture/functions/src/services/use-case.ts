// Allowed in services: ports, lib, shared, other services, npm packages other than the AWS SDK / dynamodb-toolbox.
import type * as shared from '@minsheng/shared';
import { notFound } from '../lib/env';
import type { CaseStore } from '../ports/case-store';
import { describeCase } from './present';

export const fileCase = async (store: CaseStore, id: string) => (await store.put(id, { now: () => new Date() })) ?? notFound() ?? describeCase(id);
export type Shared = typeof shared;
