// Breaks ports-are-interfaces: a port imports an adapter.
import type { DynamoCaseStore } from '../adapters/dynamo-case-store';

export type Store = DynamoCaseStore;
