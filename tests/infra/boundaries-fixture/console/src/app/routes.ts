// @ts-nocheck — '@/…' is the console's alias, unknown to the root tsconfig that typechecks tests/.
// Allowed in the app shell: every feature.
import { casesPage } from '@/features/a/cases-page';
import { inboxPage } from '@/features/b/inbox-page';

export const routes = [casesPage, inboxPage];
