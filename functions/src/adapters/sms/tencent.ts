import { createHash, createHmac } from 'node:crypto';
import type { SmsApi } from '../../ports/sms';

/**
 * Tencent Cloud SMS (API 3.0, SendSms, version 2021-01-11) over fetch, signed with TC3-HMAC-SHA256
 * (Tencent Cloud "Signature v3"). No SDK: one POST of JSON to the endpoint (https://sms.tencentcloudapi.com;
 * the local fake in the local stack).
 */
export interface TencentSmsConfig {
  baseUrl: string;
  secretId: string;
  secretKey: string;
  /** The SMS application's SdkAppId (短信控制台 → 应用管理). */
  sdkAppId: string;
  /** The approved signature's text (without 【】). */
  signName: string;
  /** SMS is served from ap-guangzhou (also ap-beijing, ap-nanjing). */
  region?: string;
  timeoutMs?: number;
}

export const SMS_SERVICE = 'sms';
export const SMS_ACTION = 'SendSms';
export const SMS_VERSION = '2021-01-11';
const ALGORITHM = 'TC3-HMAC-SHA256';
const CONTENT_TYPE = 'application/json; charset=utf-8';

const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

export interface Tc3Input {
  secretId: string;
  secretKey: string;
  service: string;
  host: string;
  action: string;
  payload: string;
  /** Seconds since the epoch (X-TC-Timestamp). */
  timestamp: number;
}

/**
 * The TC3-HMAC-SHA256 signature of a POST with a JSON body, as the signature-v3 document builds it:
 * CanonicalRequest (method, URI "/", empty query, canonical headers content-type/host/x-tc-action,
 * signed headers, SHA-256 of the payload) → StringToSign (algorithm, timestamp, credential scope
 * "<UTC date>/<service>/tc3_request", SHA-256 of the canonical request) → signature with the key
 * derived "TC3"+SecretKey → date → service → "tc3_request".
 */
export function tc3Sign(input: Tc3Input): { authorization: string; canonicalRequest: string; stringToSign: string; signature: string; date: string } {
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host;x-tc-action';
  const canonicalHeaders = `content-type:${CONTENT_TYPE}\nhost:${input.host}\nx-tc-action:${input.action.toLowerCase()}\n`;
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256Hex(input.payload)].join('\n');
  const scope = `${date}/${input.service}/tc3_request`;
  const stringToSign = [ALGORITHM, String(input.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
  const secretSigning = hmac(hmac(hmac(`TC3${input.secretKey}`, date), input.service), 'tc3_request');
  const signature = createHmac('sha256', secretSigning).update(stringToSign, 'utf8').digest('hex');
  const authorization = `${ALGORITHM} Credential=${input.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { authorization, canonicalRequest, stringToSign, signature, date };
}

/** A mainland mobile number in E.164, as PhoneNumberSet wants it: +86 and the 11 digits. */
export function e164(phone: string): string {
  const digits = phone.replace(/[\s\-()]/g, '');
  if (digits.startsWith('+')) return digits;
  return `+86${digits.replace(/^86(?=1\d{10}$)/, '')}`;
}

interface SendSmsResponse {
  Response?: {
    SendStatusSet?: { SerialNo?: string; PhoneNumber?: string; Fee?: number; Code?: string; Message?: string }[];
    Error?: { Code?: string; Message?: string };
    RequestId?: string;
  };
}

/** The SmsApi over Tencent Cloud SMS: resolves when Tencent accepted the message (SendStatusSet[0].Code "Ok"). */
export function createTencentSmsClient(config: TencentSmsConfig, now: () => Date = () => new Date()): SmsApi {
  const url = new URL(config.baseUrl);
  const host = url.host;
  return {
    async send({ phone, templateId, params }) {
      const payload = JSON.stringify({
        PhoneNumberSet: [e164(phone)],
        SmsSdkAppId: config.sdkAppId,
        SignName: config.signName,
        TemplateId: templateId,
        TemplateParamSet: params,
      });
      const timestamp = Math.floor(now().getTime() / 1000);
      const { authorization } = tc3Sign({ secretId: config.secretId, secretKey: config.secretKey, service: SMS_SERVICE, host, action: SMS_ACTION, payload, timestamp });
      const res = await fetch(new URL('/', url), {
        method: 'POST',
        headers: {
          Authorization: authorization,
          'Content-Type': CONTENT_TYPE,
          'X-TC-Action': SMS_ACTION,
          'X-TC-Timestamp': String(timestamp),
          'X-TC-Version': SMS_VERSION,
          'X-TC-Region': config.region ?? 'ap-guangzhou',
        },
        body: payload,
        signal: AbortSignal.timeout(config.timeoutMs ?? 5000),
      });
      if (!res.ok) throw new Error(`Tencent SMS HTTP ${res.status}`);
      const body = (await res.json()) as SendSmsResponse;
      const error = body.Response?.Error;
      // The provider's code and message only: never the phone or the text.
      if (error) throw new Error(`Tencent SMS ${error.Code ?? 'Error'}: ${error.Message ?? ''}`.trim());
      const status = body.Response?.SendStatusSet?.[0];
      if (status?.Code !== 'Ok') throw new Error(`Tencent SMS ${status?.Code ?? 'no status'}: ${status?.Message ?? ''}`.trim());
    },
  };
}
