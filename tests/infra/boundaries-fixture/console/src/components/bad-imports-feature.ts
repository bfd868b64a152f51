// @ts-nocheck — '@/…' is the console's alias, unknown to the root tsconfig that typechecks tests/.
// Breaks console-shared-code-not-to-features: a component imports a feature.
import { casesQuery } from '@/features/a/api';

export const query = casesQuery;
