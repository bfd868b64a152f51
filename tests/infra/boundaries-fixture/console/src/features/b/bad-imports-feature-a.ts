// @ts-nocheck — '@/…' is the console's alias, unknown to the root tsconfig that typechecks tests/.
// Breaks console-features-isolated: feature b imports feature a.
import { casesQuery } from '@/features/a/api';

export const inboxQuery = casesQuery;
