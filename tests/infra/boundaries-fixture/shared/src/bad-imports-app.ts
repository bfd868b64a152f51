// Breaks shared-not-to-apps: shared imports the back end.
import { stage } from '../../functions/src/lib/env';

export const stageName = stage;
