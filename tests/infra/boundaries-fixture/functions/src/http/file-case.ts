// Allowed in entry points: app, services, lib, shared.
import type * as shared from '@minsheng/shared';
import { container } from '../app/container';
import { notFound } from '../lib/env';
import { describeCase } from '../services/present';

export const handler = async (id: string) => (await container.fileCase(container.store, id)) ?? notFound() ?? describeCase(id);
export type Shared = typeof shared;
