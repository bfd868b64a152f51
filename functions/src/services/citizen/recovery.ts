import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { DomainError, addDays, formatShanghaiIso, startOfShanghaiDay, toShanghaiDate, type RecoverySmsCodeResponse, type RecoveryVerifyResponse } from '@minsheng/shared';
import { logger } from '../../lib/log';
import type { Deps } from '../deps';
import { identityOf, normalisePhone } from './identity';

/** How long a code works, how soon another may be asked for, and how many tries it allows. */
export const RECOVERY = {
  codeSeconds: 300,
  resendSeconds: 60,
  maxTries: 3,
  perPhonePerDay: 5,
  perClientPerHour: 10,
  verifyPerClientPerHour: 20,
  /**
   * The answer to a code request never comes sooner than this (ms), for a phone with cases (which
   * waits for the SMS provider) and without (which does not): how long it took must not say which.
   */
  answerFloorMs: 800,
} as const;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export type RecoveryDeps = Pick<Deps, 'links' | 'identityKey' | 'recoveryCodes' | 'recoveryKey' | 'throttle' | 'tokens' | 'now' | 'sms' | 'smsTemplates' | 'recoveryAnswerFloorMs'>;

const ANSWER: RecoverySmsCodeResponse = { expiresInSeconds: RECOVERY.codeSeconds, resendAfterSeconds: RECOVERY.resendSeconds };
const invalid = () => new DomainError('CODE_INVALID');

/** A fixed window: [start, end) containing now. */
function windowOf(now: Date, ms: number): { start: number; end: number } {
  const start = Math.floor(now.getTime() / ms) * ms;
  return { start, end: start + ms };
}

function shanghaiDay(now: Date): { start: number; end: number } {
  const today = toShanghaiDate(now);
  return { start: startOfShanghaiDay(today).getTime(), end: startOfShanghaiDay(addDays(today, 1)).getTime() };
}

/** Count one request of `key` in its window; 429 (Retry-After the window's end) once more than `max` were made. */
async function limit(
  deps: Pick<Deps, 'throttle'>,
  now: Date,
  key: string,
  window: { start: number; end: number },
  max: number,
  message: string | ((retryAfterSeconds: number) => string),
): Promise<void> {
  const count = await deps.throttle.countAttempt(key, window.start, window.end, 1);
  if (count > max) {
    const retryAfterSeconds = Math.max(1, Math.ceil((window.end - now.getTime()) / 1000));
    throw new DomainError('TOO_MANY_ATTEMPTS', { message: typeof message === 'string' ? message : message(retryAfterSeconds), retryAfterSeconds });
  }
}

const codeHash = (deps: Pick<Deps, 'recoveryKey'>, identity: string, code: string) => createHmac('sha256', deps.recoveryKey).update(`${identity}\n${code}`).digest('base64url');

/**
 * 找回 by the phone given at filing, step 1: a 6-digit code (crypto random), kept only as a keyed
 * hash with its expiry and a tries counter, sent at once by SMS (not through the outbox: the
 * citizen is waiting) — but only if the phone has cases. Everything else is the same for a phone
 * without cases: the throttles (per phone: one a minute, five a Shanghai day; per client: ten an
 * hour), the lookups and writes, the answer and its timing (never sooner than answerFloorMs, nor
 * a 503 when the provider fails). SMS not configured: 503 for every phone.
 */
export async function sendRecoveryCode(deps: RecoveryDeps, rawPhone: string, clientId: string): Promise<RecoverySmsCodeResponse> {
  const started = Date.now();
  const sms = deps.sms;
  const templates = deps.smsTemplates;
  if (!sms || !templates) throw new DomainError('SERVICE_UNAVAILABLE', { message: '短信服务暂未开通，暂不能用手机号找回' });
  const now = deps.now();
  const phone = normalisePhone(rawPhone);
  const identity = identityOf(deps.identityKey, 'phone', phone);
  await limit(deps, now, `recovery-client#${clientId}`, windowOf(now, HOUR), RECOVERY.perClientPerHour, '您所在网络获取验证码的次数过多，请稍后再试');
  await limit(deps, now, `recovery-phone-min#${identity}`, windowOf(now, RECOVERY.resendSeconds * 1000), 1, (seconds) => `验证码已发送，请 ${seconds} 秒后再重新获取`);
  await limit(deps, now, `recovery-phone-day#${identity}`, shanghaiDay(now), RECOVERY.perPhonePerDay, '该手机号今日获取验证码的次数已达上限，请明天再试');

  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const [links] = await Promise.all([
    deps.links.listLinks(identity, 1),
    deps.recoveryCodes.putCode({ identity, codeHash: codeHash(deps, identity, code), expiresAt: now.getTime() + RECOVERY.codeSeconds * 1000, tries: 0 }),
  ]);
  if (links.length > 0) {
    try {
      await sms.send({ phone, templateId: templates.code, params: [code] });
    } catch (error) {
      // Not a 503: that would tell the caller this phone has cases (a phone without any is never
      // texted, so it never fails). The citizen sees no SMS and asks again after a minute; the
      // error log (and the provider's own console) says the provider is failing.
      logger.error('recovery code not sent: SMS provider failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }
  const wait = started + (deps.recoveryAnswerFloorMs ?? RECOVERY.answerFloorMs) - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return ANSWER;
}

/**
 * Step 2: the code → a "me" session for the phone (identity tel:…), which lists and opens its cases.
 * Each try is counted before the code is compared, so at most three are ever compared; the third
 * wrong one voids the code; a right one is used once. Wrong, expired, used, voided and unknown
 * phone all answer the same 401 CODE_INVALID. Tries per client are throttled too.
 */
export async function verifyRecoveryCode(deps: RecoveryDeps, rawPhone: string, code: string, clientId: string): Promise<RecoveryVerifyResponse> {
  const now = deps.now();
  await limit(deps, now, `recovery-verify-client#${clientId}`, windowOf(now, HOUR), RECOVERY.verifyPerClientPerHour, '您所在网络验证次数过多，请稍后再试');
  const identity = identityOf(deps.identityKey, 'phone', normalisePhone(rawPhone));
  const offered = codeHash(deps, identity, code);
  const stored = await deps.recoveryCodes.getCode(identity);
  if (!stored || stored.expiresAt <= now.getTime()) throw invalid();
  const tries = await deps.recoveryCodes.countTry(identity);
  if (tries === undefined) throw invalid();
  if (tries > RECOVERY.maxTries) {
    await deps.recoveryCodes.removeCode(identity, stored.codeHash);
    throw invalid();
  }
  const right = timingSafeEqual(Buffer.from(offered), Buffer.from(stored.codeHash));
  if (!right) {
    if (tries >= RECOVERY.maxTries) await deps.recoveryCodes.removeCode(identity, stored.codeHash);
    throw invalid();
  }
  // Used once: of two verifies with the right code, one removes it and the other is refused.
  if (!(await deps.recoveryCodes.removeCode(identity, stored.codeHash))) throw invalid();
  const { token, expiresAt } = await deps.tokens.issueMeToken({ via: 'phone', identity }, now);
  return { token, expiresAt: formatShanghaiIso(expiresAt) };
}
