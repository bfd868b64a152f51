// Breaks entry-points-not-to-adapters: a handler builds its adapter itself.
import { DynamoCaseStore } from '../adapters/dynamo-case-store';

export const store = new DynamoCaseStore();
