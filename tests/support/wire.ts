import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { vi } from 'vitest';

/** One command a DynamoDB document client sent: its class name (`QueryCommand`, …) and its input. */
export interface Sent {
  command: string;
  input: any;
}

/** Every command the DynamoDB document clients send while `run` runs (the wire, not a stand-in). */
export async function observe<T>(run: () => Promise<T>): Promise<{ result: T; sent: Sent[] }> {
  const sent: Sent[] = [];
  const original = DynamoDBDocumentClient.prototype.send;
  const spy = vi.spyOn(DynamoDBDocumentClient.prototype, 'send').mockImplementation(function (this: DynamoDBDocumentClient, command: any, ...rest: any[]) {
    sent.push({ command: command.constructor.name, input: command.input });
    return (original as any).call(this, command, ...rest);
  });
  try {
    return { result: await run(), sent };
  } finally {
    spy.mockRestore();
  }
}
