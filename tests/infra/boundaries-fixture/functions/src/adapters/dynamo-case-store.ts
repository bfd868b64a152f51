// Allowed in adapters: the AWS SDK, dynamodb-toolbox, ports, lib, shared.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Table } from 'dynamodb-toolbox/table';
import { HttpError } from '../lib/errors';
import type { CaseStore } from '../ports/case-store';

export class DynamoCaseStore implements CaseStore {
  readonly client = new DynamoDBClient({});
  readonly table: typeof Table | undefined = undefined;
  async put(): Promise<HttpError | undefined> {
    return undefined;
  }
}
