import type * as shared from '@minsheng/shared';

export const casesQuery = { key: ['cases'] };
export type Shared = typeof shared;
