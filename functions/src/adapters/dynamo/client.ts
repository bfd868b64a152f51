import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { lambdaCredentials } from '../aws/credentials';

export interface DynamoConfig {
  region: string;
  /** Set for DynamoDB Local; unset in AWS. */
  endpoint?: string;
}

export function createDocumentClient(config: DynamoConfig): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: config.region,
    ...(config.endpoint
      ? {
          endpoint: config.endpoint,
          // DynamoDB Local accepts any credentials but the SDK insists on having some.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : // In AWS: the execution role's, from the environment (never the SDK's default chain: see lambdaCredentials).
        { credentials: lambdaCredentials() }),
    maxAttempts: 3,
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
