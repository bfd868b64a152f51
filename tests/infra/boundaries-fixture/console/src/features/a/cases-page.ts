// @ts-nocheck — '@/…' is the console's alias, unknown to the root tsconfig that typechecks tests/.
// Allowed in a feature: its own files (relative or through '@/features/<same>'), components, lib, shared.
import { dateCell } from '@/components/date-cell';
import { casesQuery as sameFeature } from '@/features/a/api';
import { casesQuery } from './api';

export const casesPage = { dateCell, casesQuery, sameFeature };
