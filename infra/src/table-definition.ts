import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, type Tags } from 'yaml';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

// CloudFormation short-form tags (!GetAtt, !Ref …) appear in serverless.yml; keep their values as data.
const cfnTags: Tags = ['!GetAtt', '!Ref', '!Sub', '!Join', '!Select', '!Split', '!If', '!Equals', '!Not', '!ImportValue'].flatMap((tag) => [
  { tag, collection: 'seq' as const, resolve: (value: unknown) => ({ [tag]: value }) },
  { tag, resolve: (value: string) => ({ [tag]: value }) },
]);

/** serverless.yml as data. */
export function readServerlessConfig(path = resolve(REPO_ROOT, 'serverless.yml')): Record<string, any> {
  return parse(readFileSync(path, 'utf8'), { customTags: cfnTags }) as Record<string, any>;
}

interface CfnTable {
  AttributeDefinitions: CreateTableCommandInput['AttributeDefinitions'];
  KeySchema: CreateTableCommandInput['KeySchema'];
  GlobalSecondaryIndexes?: CreateTableCommandInput['GlobalSecondaryIndexes'];
  TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
  StreamSpecification?: { StreamViewType: 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY' };
}

/** The one DynamoDB table declared in serverless.yml, as CreateTable input for `tableName`. */
export function tableDefinitionFromServerless(tableName: string, config = readServerlessConfig()): { create: CreateTableCommandInput; ttlAttribute?: string } {
  const resources = Object.values<any>(config.resources?.Resources ?? {});
  const tables = resources.filter((r) => r.Type === 'AWS::DynamoDB::Table');
  if (tables.length !== 1) throw new Error(`serverless.yml must declare exactly one DynamoDB table (found ${tables.length})`);
  const props = tables[0].Properties as CfnTable;
  return {
    create: {
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: props.AttributeDefinitions,
      KeySchema: props.KeySchema,
      ...(props.GlobalSecondaryIndexes?.length ? { GlobalSecondaryIndexes: props.GlobalSecondaryIndexes } : {}),
      ...(props.StreamSpecification ? { StreamSpecification: { StreamEnabled: true, StreamViewType: props.StreamSpecification.StreamViewType } } : {}),
    },
    ...(props.TimeToLiveSpecification?.Enabled ? { ttlAttribute: props.TimeToLiveSpecification.AttributeName } : {}),
  };
}

export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

/** Create the table from serverless.yml unless it exists. Returns true when it was created. */
export async function ensureTable(endpoint: string, tableName: string, options: { recreate?: boolean } = {}): Promise<boolean> {
  const client = localDynamoClient(endpoint);
  try {
    const exists = await client
      .send(new DescribeTableCommand({ TableName: tableName }))
      .then(() => true)
      .catch((error: unknown) => {
        if (error instanceof ResourceNotFoundException) return false;
        throw error;
      });
    if (exists && !options.recreate) return false;
    if (exists) await client.send(new DeleteTableCommand({ TableName: tableName }));
    const { create, ttlAttribute } = tableDefinitionFromServerless(tableName);
    await client.send(new CreateTableCommand(create));
    if (ttlAttribute) {
      await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true } }));
    }
    return true;
  } finally {
    client.destroy();
  }
}
