import { readFileSync } from 'node:fs';
import type { Deps } from '../services/deps';
import { createDocumentClient } from '../adapters/dynamo/client';
import { createModel } from '../adapters/dynamo/table';
import { createDynamoCaseStore } from '../adapters/dynamo/case-store';
import { createDynamoLibraryStore } from '../adapters/dynamo/library-store';
import { LiveLibraryIndex } from '../services/search/live-library-index';
import { chinaHolidayCalendar } from '../adapters/calendar/china';
import { createWeChatClient } from '../adapters/wechat/client';
import { parseEnv, type Env } from './env';
import { deriveKey } from './secrets';
import { createTokenService } from './tokens';

/** What createDeps needs; optional settings take the same defaults as the environment's. */
export type DepsConfig = Pick<Env, 'TABLE_NAME' | 'APP_SECRET'> & Partial<Omit<Env, 'TABLE_NAME' | 'APP_SECRET'>>;

/** Build the real dependencies from an environment (or the same settings given directly). */
export function createDeps(config: DepsConfig): Deps {
  const env: Env = { AWS_REGION: 'ap-east-1', CITIZEN_TOKEN_MINUTES: 30, OFFICIAL_TOKEN_MINUTES: 60, ...config };
  const documentClient = createDocumentClient({ region: env.AWS_REGION, ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}) });
  const model = createModel(documentClient, env.TABLE_NAME);
  const wechat =
    env.WECHAT_API_BASE && env.WECHAT_APP_ID && env.WECHAT_APP_SECRET
      ? createWeChatClient({ baseUrl: env.WECHAT_API_BASE, appId: env.WECHAT_APP_ID, appSecret: env.WECHAT_APP_SECRET })
      : undefined;
  const library = createDynamoLibraryStore(model);
  return {
    holidays: chinaHolidayCalendar,
    ...(wechat ? { wechat } : {}),
    ...(env.WECHAT_TEMPLATE_ID ? { wechatTemplateId: env.WECHAT_TEMPLATE_ID } : {}),
    store: createDynamoCaseStore(model),
    tokens: createTokenService(deriveKey(env.APP_SECRET, 'token'), env.CITIZEN_TOKEN_MINUTES, env.OFFICIAL_TOKEN_MINUTES),
    now: env.LOCAL_CLOCK_FILE && env.DYNAMODB_ENDPOINT ? localClock(env.LOCAL_CLOCK_FILE) : () => new Date(),
    passwordKey: deriveKey(env.APP_SECRET, 'idempotent-password'),
    library,
    librarySearch: new LiveLibraryIndex(library),
  };
}

/**
 * The local stack's movable clock: real time plus the offset (ms) in `file`, read on every call
 * (a few microseconds; local only), so every function sees a move at once. Only ever used against
 * DynamoDB Local, so demos and tests can show the SLA timers act.
 */
function localClock(file: string): () => Date {
  return () => {
    let offset = 0;
    try {
      offset = Number(readFileSync(file, 'utf8').trim()) || 0;
    } catch {
      // No file: no offset.
    }
    return new Date(Date.now() + offset);
  };
}

let cached: Deps | undefined;

/** The process's dependencies, built on first use (cold start) from process.env. */
export function defaultDeps(): Deps {
  cached ??= createDeps(parseEnv());
  return cached;
}
