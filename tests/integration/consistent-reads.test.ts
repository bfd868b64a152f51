/**
 * Reads that follow a write must see it. DynamoDB's default read is eventually consistent: right
 * after an official's action the case could still read at its old version (the next action, sent
 * with the version just shown, would be refused with 409), a case filed a second ago could have
 * "no password" at login, a disabled official's token could still pass. DynamoDB Local is always
 * consistent, so the behaviour can't be provoked here; this test checks, on the wire, that every
 * such read asks for a strongly consistent answer.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '../../functions/src/adapters/dynamo/client';
import { createDynamoCaseStore } from '../../functions/src/adapters/dynamo/case-store';
import { createDynamoCredentialStore } from '../../functions/src/adapters/dynamo/credential-store';
import { createDynamoOfficialStore } from '../../functions/src/adapters/dynamo/official-store';
import { createTable } from '../../functions/src/adapters/dynamo/table';
import { createTestStack, type TestStack } from '../support/stack';
import { accept, complaint, fileCase, type FiledCase } from './helpers';

interface Sent {
  command: string;
  consistent: boolean;
}

let stack: TestStack;
let filed: FiledCase;
const sent: Sent[] = [];

function recordingStore() {
  const client = createDocumentClient({ region: 'local', endpoint: inject('dynamoEndpoint') });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ConsistentRead?: boolean };
      sent.push({ command: String(context.commandName), consistent: input.ConsistentRead === true });
      return next(args);
    },
    { step: 'initialize', name: 'recordReads' },
  );
  const table = createTable(client, stack.tableName);
  return { ...createDynamoCaseStore(table), ...createDynamoCredentialStore(table), ...createDynamoOfficialStore(table) };
}

beforeAll(async () => {
  stack = await createTestStack();
  filed = await fileCase(stack, complaint(), { 'Idempotency-Key': 'consistent-reads-key-1' });
  await accept(stack, filed.caseNo);
});

describe('reads right after writes are strongly consistent', () => {
  const cases: [string, (store: ReturnType<typeof recordingStore>) => Promise<unknown>, (result: any) => void][] = [
    ['the case, before a version-guarded change and after an action', (s) => s.getCase(filed.caseNo), (c) => expect(c.status).toBe('in_progress')],
    ['its timeline, shown with the case after an action', (s) => s.listEvents(filed.caseNo), (events) => expect(events.map((e: { kind: string }) => e.kind)).toContain('accepted')],
    ['the password of a case filed a moment ago, at login', (s) => s.getPasswordHash(filed.caseNo), (hash) => expect(hash).toMatch(/\S{20,}/)],
    ['an official account (disabled or reset: at once)', (s) => s.getOfficial('no-such-official'), (o) => expect(o).toBeUndefined()],
    ['an idempotency record, when a retried filing is replayed', (s) => s.getIdempotency(createHash('sha256').update('not-a-key').digest('hex')), (r) => expect(r).toBeUndefined()],
  ];
  for (const [what, read, check] of cases) {
    it(what, async () => {
      sent.length = 0;
      check(await read(recordingStore()));
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.filter((s) => !s.consistent)).toEqual([]);
    });
  }
});
