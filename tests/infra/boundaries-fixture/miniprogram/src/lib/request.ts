import type * as shared from '@minsheng/shared';

export const request = (path: string) => `GET ${path}`;
export type Shared = typeof shared;
