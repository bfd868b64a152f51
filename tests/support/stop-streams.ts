import { afterAll } from 'vitest';

// Each test file's stacks poll their table's stream; the polling ends with the file. The runners are
// found on globalThis (tests/support/stack.ts) rather than imported: importing stack.ts here would load
// the functions' logger before a test file sets its log level.
afterAll(async () => {
  const runners = (globalThis as Record<symbol, unknown>)[Symbol.for('minsheng.test.streamRunners')] as Set<{ stop(): Promise<void> }> | undefined;
  if (!runners) return;
  const all = [...runners];
  runners.clear();
  await Promise.all(all.map((r) => r.stop()));
});
