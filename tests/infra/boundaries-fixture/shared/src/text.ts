// Allowed: its own files, zod and zod's subpaths.
import * as z from 'zod/mini';
import { z as full } from 'zod';
import type { CaseId } from './ids';

export const caseTitle = z.string();
export const caseIdSchema = full.string();
export const asCaseId = (value: string) => value as CaseId;
