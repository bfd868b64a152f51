// Breaks no-aws-sdk-outside-adapters: a service imports the AWS SDK.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export const client = () => new DynamoDBClient({});
