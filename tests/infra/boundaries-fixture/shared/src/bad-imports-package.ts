// Breaks shared-only-zod: shared imports a package other than zod.
import type ts from 'typescript';

export type Version = typeof ts.version;
