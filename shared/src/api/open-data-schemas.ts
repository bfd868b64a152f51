import * as z from 'zod/mini';
import { OPEN_DATA_MAX_K } from '../domain/open-data';

const K_MESSAGE = `k 应为 2 到 ${OPEN_DATA_MAX_K} 的整数`;

/** `GET /api/console/open-data/{month}` query: the file's format (default csv) and k (default OPEN_DATA_DEFAULT_K). */
export const openDataQuerySchema = z.strictObject({
  format: z.optional(z.enum(['csv', 'json'], { message: '格式应为 csv 或 json' })),
  k: z.optional(z.coerce.number().check(z.int({ message: K_MESSAGE }), z.gte(2, { message: K_MESSAGE }), z.lte(OPEN_DATA_MAX_K, { message: K_MESSAGE }))),
});
export type OpenDataQuery = z.infer<typeof openDataQuerySchema>;

