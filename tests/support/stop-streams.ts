import { afterAll } from 'vitest';
import { stopStreamRunners } from './stack';

// Each test file's stacks poll their table's stream; the polling ends with the file.
afterAll(stopStreamRunners);
