// Breaks not-to-unresolvable: the imported file does not exist.
// @ts-expect-error — on purpose: there is no such module.
import { missing } from './no-such-file';

export const page = missing;
