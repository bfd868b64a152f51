// Breaks no-aws-sdk-outside-adapters: a job imports dynamodb-toolbox (a subpath reachable only through "exports").
import { Table } from 'dynamodb-toolbox/table';

export const table = Table;
