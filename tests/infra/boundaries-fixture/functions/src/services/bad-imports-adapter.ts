// Breaks services-not-to-outer-layers: a service imports an adapter.
import { DynamoCaseStore } from '../adapters/dynamo-case-store';

export const store = new DynamoCaseStore();
