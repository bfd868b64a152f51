import { readFileSync } from 'node:fs';
import { createDocumentClient } from '../adapters/dynamo/client';
import { createTable, type MinshengTable } from '../adapters/dynamo/table';
import { createDynamoCaseStore } from '../adapters/dynamo/case-store';
import { createDynamoCaseQueues } from '../adapters/dynamo/case-queues';
import { createDynamoCaseSearch } from '../adapters/dynamo/case-search';
import { createDynamoCredentialStore } from '../adapters/dynamo/credential-store';
import { createDynamoReferenceStore } from '../adapters/dynamo/reference-store';
import { createDynamoOfficialStore } from '../adapters/dynamo/official-store';
import { createDynamoThrottleStore } from '../adapters/dynamo/throttle-store';
import { createDynamoNotificationStore } from '../adapters/dynamo/notification-store';
import { createDynamoStatsStore } from '../adapters/dynamo/stats-store';
import { createDynamoQueueCountStore } from '../adapters/dynamo/queue-count-store';
import { createDynamoSlaSettingsStore } from '../adapters/dynamo/sla-settings-store';
import { createDynamoLibraryStore } from '../adapters/dynamo/library-store';
import { createDynamoCitizenLinkStore } from '../adapters/dynamo/citizen-link-store';
import { LiveLibraryIndex, rebuildLibrarySnapshot } from '../adapters/search/live-library-index';
import { chinaHolidayCalendar } from '../adapters/calendar/china';
import { createWeChatClient } from '../adapters/wechat/client';
import { createTencentSmsClient } from '../adapters/sms/tencent';
import { createDynamoRecoveryCodeStore } from '../adapters/dynamo/recovery-code-store';
import { createDynamoUploadStore } from '../adapters/dynamo/upload-store';
import { createDynamoOpen311PartnerStore, createDynamoPublicCaseIndex } from '../adapters/dynamo/open311-store';
import { createDynamoAssessmentStore } from '../adapters/dynamo/assessment-store';
import { ASSESSMENT_WEIGHTS_SOURCE, parseAssessmentWeights } from '@minsheng/shared';
import { createS3Storage } from '../adapters/s3/storage';
import { sharpSanitiser } from '../adapters/images/sharp';
import { parseEnv, type Env } from '../lib/env';
import { deriveKey } from '../lib/secrets';
import { createTokenService } from '../lib/tokens';
import type { Deps } from '../services/deps';

/**
 * The composition root's parts: one factory per dependency, each built at most once per wiring
 * (a container's, or a test stack's). A route imports only the factories it uses, so its bundle
 * holds only those adapters and its cold start builds only those.
 */
export interface Wiring {
  readonly env: Env;
  /** The value `make` builds, made once for this wiring. */
  once<T>(name: string, make: () => T): T;
}

/** What a wiring needs; optional settings take the same defaults as the environment's. */
export type WiringConfig = Pick<Env, 'TABLE_NAME' | 'APP_SECRET'> & Partial<Omit<Env, 'TABLE_NAME' | 'APP_SECRET'>>;

export function createWiring(config: WiringConfig): Wiring {
  const env: Env = { AWS_REGION: 'ap-east-1', CITIZEN_TOKEN_MINUTES: 30, OFFICIAL_TOKEN_MINUTES: 60, ME_TOKEN_MINUTES: 120, SMS_DAILY_CAP_PER_PHONE: 10, EVIDENCE_BUCKET: 'minsheng-evidence', ...config };
  const made = new Map<string, unknown>();
  return {
    env,
    once<T>(name: string, make: () => T): T {
      if (!made.has(name)) made.set(name, make());
      return made.get(name) as T;
    },
  };
}

let processWiring: Wiring | undefined;

/** This container's wiring, from process.env (parsed once, at cold start; fails loudly when incomplete). */
export function fromEnv(): Wiring {
  processWiring ??= createWiring(parseEnv());
  return processWiring;
}

type Factories = Record<string, (w: Wiring) => unknown>;
export type Built<F extends Factories> = { [K in keyof F]: ReturnType<F[K]> };

/** Every dependency `factories` name, built from one wiring. */
export function build<F extends Factories>(w: Wiring, factories: F): Built<F> {
  return Object.fromEntries(Object.entries(factories).map(([name, make]) => [name, make(w)])) as Built<F>;
}

/** A route's dependencies (name → factory), built from this container's wiring on first use. */
export function inject<F extends Factories>(factories: F): () => Built<F> {
  let deps: Built<F> | undefined;
  return () => (deps ??= build(fromEnv(), factories));
}

// ---- One factory per dependency ----

const table = (w: Wiring): MinshengTable =>
  w.once('table', () =>
    createTable(createDocumentClient({ region: w.env.AWS_REGION, ...(w.env.DYNAMODB_ENDPOINT ? { endpoint: w.env.DYNAMODB_ENDPOINT } : {}) }), w.env.TABLE_NAME),
  );

export const cases = (w: Wiring): Deps['cases'] => w.once('cases', () => createDynamoCaseStore(table(w), { phoneKey: phoneSearchKey(w) }));
/** Key of the keyed hash a case's phone is indexed under for officials' search (never the number in a key). */
export const phoneSearchKey = (w: Wiring): Buffer => w.once('phoneSearchKey', () => deriveKey(w.env.APP_SECRET, 'phone-search'));
/** Case search: the phone index and the postings of words (adapters/dynamo/case-search.ts). */
export const caseSearch = (w: Wiring): Deps['caseSearch'] => w.once('caseSearch', () => createDynamoCaseSearch(table(w), { phoneKey: phoneSearchKey(w) }));
export const queues = (w: Wiring): Deps['queues'] => w.once('queues', () => createDynamoCaseQueues(table(w)));
export const credentials = (w: Wiring): Deps['credentials'] => w.once('credentials', () => createDynamoCredentialStore(table(w)));
export const reference = (w: Wiring): Deps['reference'] => w.once('reference', () => createDynamoReferenceStore(table(w)));
export const officials = (w: Wiring): Deps['officials'] => w.once('officials', () => createDynamoOfficialStore(table(w)));
export const throttle = (w: Wiring): Deps['throttle'] => w.once('throttle', () => createDynamoThrottleStore(table(w)));
export const notifications = (w: Wiring): Deps['notifications'] => w.once('notifications', () => createDynamoNotificationStore(table(w)));
export const stats = (w: Wiring): Deps['stats'] => w.once('stats', () => createDynamoStatsStore(table(w)));
export const queueCounts = (w: Wiring): Deps['queueCounts'] => w.once('queueCounts', () => createDynamoQueueCountStore(table(w)));
export const slaSettings = (w: Wiring): Deps['slaSettings'] => w.once('slaSettings', () => createDynamoSlaSettingsStore(table(w)));
export const holidays = (_w: Wiring): Deps['holidays'] => chinaHolidayCalendar;
export const library = (w: Wiring): Deps['library'] => w.once('library', () => createDynamoLibraryStore(table(w)));
/** The search index: loaded from the snapshot the library indexer writes to the bucket (jobs/library-indexer.ts). */
export const librarySearch = (w: Wiring): Deps['librarySearch'] => w.once('librarySearch', () => new LiveLibraryIndex(library(w), { snapshots: storage(w) }));
export const libraryIndexer = (w: Wiring): Deps['libraryIndexer'] =>
  w.once('libraryIndexer', () => ({ rebuild: (options = {}) => rebuildLibrarySnapshot(library(w), storage(w), options) }));
export const tokens = (w: Wiring): Deps['tokens'] =>
  w.once('tokens', () => createTokenService(deriveKey(w.env.APP_SECRET, 'token'), w.env.CITIZEN_TOKEN_MINUTES, w.env.OFFICIAL_TOKEN_MINUTES, w.env.ME_TOKEN_MINUTES));
export const links = (w: Wiring): Deps['links'] => w.once('links', () => createDynamoCitizenLinkStore(table(w)));
/** Key of the keyed hashes under which openids and phone numbers are linked to cases. */
export const identityKey = (w: Wiring): Deps['identityKey'] => w.once('identityKey', () => deriveKey(w.env.APP_SECRET, 'citizen-identity'));
/** Key of the status keys a phone asks its saved cases' status with (services/citizen/status-key.ts). */
export const statusKeyKey = (w: Wiring): Deps['statusKeyKey'] => w.once('statusKeyKey', () => deriveKey(w.env.APP_SECRET, 'status-key'));
export const passwordKey = (w: Wiring): Deps['passwordKey'] => w.once('passwordKey', () => deriveKey(w.env.APP_SECRET, 'idempotent-password'));
export const clock = (w: Wiring): Deps['now'] =>
  w.once('clock', () => (w.env.LOCAL_CLOCK_FILE && w.env.DYNAMODB_ENDPOINT ? localClock(w.env.LOCAL_CLOCK_FILE) : () => new Date()));

/** WeChat's server API, where configured (else citizens are not messaged). */
export const wechat = (w: Wiring): Deps['wechat'] =>
  w.once('wechat', () => {
    const { WECHAT_API_BASE: baseUrl, WECHAT_APP_ID: appId, WECHAT_APP_SECRET: appSecret } = w.env;
    return baseUrl && appId && appSecret ? createWeChatClient({ baseUrl, appId, appSecret }) : undefined;
  });
/** The progress-message template citizens subscribe to. */
export const wechatTemplateId = (w: Wiring): Deps['wechatTemplateId'] => w.env.WECHAT_TEMPLATE_ID;

/** Tencent Cloud SMS, where configured (else citizens are not texted and recovery by SMS answers 503). */
export const sms = (w: Wiring): Deps['sms'] =>
  w.once('sms', () => {
    const { SMS_API_BASE: baseUrl, SMS_SECRET_ID: secretId, SMS_SECRET_KEY: secretKey, SMS_SDK_APP_ID: sdkAppId, SMS_SIGN_NAME: signName } = w.env;
    return baseUrl && secretId && secretKey && sdkAppId && signName && smsTemplates(w) ? createTencentSmsClient({ baseUrl, secretId, secretKey, sdkAppId, signName }) : undefined;
  });
/** The approved SMS template ids (all three, or none). */
export const smsTemplates = (w: Wiring): Deps['smsTemplates'] => {
  const { SMS_TEMPLATE_FILED: filed, SMS_TEMPLATE_PROGRESS: progress, SMS_TEMPLATE_CODE: code } = w.env;
  return filed && progress && code ? { filed, progress, code } : undefined;
};
export const smsDailyCap = (w: Wiring): Deps['smsDailyCap'] => w.env.SMS_DAILY_CAP_PER_PHONE;
export const recoveryCodes = (w: Wiring): Deps['recoveryCodes'] => w.once('recoveryCodes', () => createDynamoRecoveryCodeStore(table(w)));
/** Key of the keyed hashes of recovery codes. */
export const recoveryKey = (w: Wiring): Deps['recoveryKey'] => w.once('recoveryKey', () => deriveKey(w.env.APP_SECRET, 'recovery-code'));

/** The evidence bucket (s3rver locally: path-style, its dummy credentials). */
export const storage = (w: Wiring): Deps['storage'] =>
  w.once('storage', () =>
    createS3Storage({
      bucket: w.env.EVIDENCE_BUCKET,
      region: w.env.AWS_REGION,
      ...(w.env.S3_ENDPOINT ? { endpoint: w.env.S3_ENDPOINT } : {}),
      ...(w.env.S3_PUBLIC_ENDPOINT ? { publicEndpoint: w.env.S3_PUBLIC_ENDPOINT } : {}),
    }),
  );
export const uploads = (w: Wiring): Deps['uploads'] => w.once('uploads', () => createDynamoUploadStore(table(w)));
/** Open311 partners and the public listing by filing time. */
export const open311Partners = (w: Wiring): Deps['open311Partners'] => w.once('open311Partners', () => createDynamoOpen311PartnerStore(table(w)));
export const publicCases = (w: Wiring): Deps['publicCases'] => w.once('publicCases', () => createDynamoPublicCaseIndex(table(w)));
/** Key of the keyed hashes Open311 api_keys are stored under (the key itself never is). */
export const open311Key = (w: Wiring): Deps['open311Key'] => w.once('open311Key', () => deriveKey(w.env.APP_SECRET, 'open311-api-key'));
/** 考核: exemption lists and published rankings; the weights from ASSESSMENT_WEIGHTS (an invalid value fails the first assessment request, saying what is wrong) or the defaults. */
export const assessment = (w: Wiring): Deps['assessment'] => w.once('assessment', () => createDynamoAssessmentStore(table(w)));
export const assessmentWeights = (w: Wiring): Deps['assessmentWeights'] =>
  w.once('assessmentWeights', () => ({
    weights: parseAssessmentWeights(w.env.ASSESSMENT_WEIGHTS),
    source: w.env.ASSESSMENT_WEIGHTS ? '本地配置（ASSESSMENT_WEIGHTS）' : ASSESSMENT_WEIGHTS_SOURCE,
  }));
export const sanitiser = (_w: Wiring): Deps['sanitiser'] => sharpSanitiser;

// ---- The groups the use cases take (each mirrors a service's *Deps type) ----

// Functions rather than shared objects, so a route that uses none of a group bundles none of it.
export const slaSettingsDeps = () => ({ slaSettings, holidays });
/** A case read, changed through the state machine, or shown (with names and deadlines). */
export const caseWorkDeps = () => ({ cases, reference, now: clock, slaSettings, holidays });
/** Filing a case (fileCase: the citizen's, the desk's and an Open311 partner's): credentials, links, uploads. */
export const filingDeps = () => ({ ...caseWorkDeps(), credentials, passwordKey, identityKey, statusKeyKey, storage, uploads });
/** Checking a citizen's token. */
export const citizenAuthDeps = () => ({ tokens, now: clock });
/** Checking an official's token against their account. */
export const officialAuthDeps = () => ({ officials, tokens, now: clock });
/** Asking for uploads and attaching them (not sanitising: only the complete route bundles sharp). */
export const evidenceDeps = () => ({ storage, uploads, now: clock });
/** Recovery by SMS code (the code request adds the SMS provider). */
export const recoveryDeps = () => ({ links, identityKey, recoveryCodes, recoveryKey, throttle, tokens, now: clock });
/** Delivering the outbox. */
export const notifierDeps = () => ({ notifications, cases, wechat, wechatTemplateId, sms, smsTemplates, smsDailyCap, throttle, identityKey, now: clock });

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
