// Allowed in lib: shared (through the workspace package), npm packages, Node built-ins, lib itself.
import { env } from 'node:process';
import * as z from 'zod';
import type * as shared from '@minsheng/shared';
import { HttpError } from './errors';

export const stage = z.string().parse(env.STAGE ?? 'local');
export type Shared = typeof shared;
export const notFound = () => new HttpError(404);
