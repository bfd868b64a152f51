// @ts-nocheck — '@/…' is the console's alias, unknown to the root tsconfig that typechecks tests/.
// Allowed in components: lib, other components, shared.
import { formatDate } from '@/lib/format';

export const dateCell = (date: Date) => formatDate(date);
