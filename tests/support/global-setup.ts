import type { TestProject } from 'vitest/node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoLocal, type DynamoLocal } from '../../infra/src/dynamo-local';
import { startS3Local, type S3Local } from '../../infra/src/s3-local';

let dynamo: DynamoLocal | undefined;
let s3: S3Local | undefined;
let s3Dir: string | undefined;

/**
 * One in-memory DynamoDB Local and one s3rver (objects in a temporary directory) for the whole
 * integration run; each test file makes its own table and its own bucket in them.
 */
export async function setup(project: TestProject) {
  s3Dir = mkdtempSync(join(tmpdir(), 'minsheng-s3rver-'));
  [dynamo, s3] = await Promise.all([startDynamoLocal(), startS3Local({ directory: s3Dir })]);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('s3Endpoint', s3.endpoint);
}

export async function teardown() {
  await Promise.all([dynamo?.stop(), s3?.stop()]);
  if (s3Dir) rmSync(s3Dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    s3Endpoint: string;
  }
}
