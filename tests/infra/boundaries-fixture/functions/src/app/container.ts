// Allowed in app (the composition root): anything in functions/src but the entry points.
import { DynamoCaseStore } from '../adapters/dynamo-case-store';
import { stage } from '../lib/env';
import { fileCase } from '../services/use-case';

export const container = { stage, store: new DynamoCaseStore(), fileCase };
