/**
 * The Tencent Cloud SMS adapter: the TC3-HMAC-SHA256 signature reproduces the worked example of
 * Tencent Cloud's "Signature v3" document (API 3.0: CVM DescribeInstances, timestamp 1551113065,
 * the document's SecretId/SecretKey strings as printed there, masked part included), and the
 * client talks SendSms 2021-01-11 to the local fake at the same HTTP boundary — which checks the
 * signature with its own secret — turning Tencent's error answers into failures.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMS_PROGRESS_PHRASES } from '@minsheng/shared';
import { createTencentSmsClient, e164, tc3Sign } from '../src/adapters/sms/tencent';
import { SMS_TEMPLATE_TEXTS } from '../src/adapters/sms/template-texts';
import { startFakeSms, type FakeSms } from '../../infra/src/fake-sms';

const DOC_PAYLOAD = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
const DOC = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******',
  service: 'cvm',
  host: 'cvm.tencentcloudapi.com',
  action: 'DescribeInstances',
  payload: DOC_PAYLOAD,
  timestamp: 1551113065,
};

describe('TC3-HMAC-SHA256 (the signature-v3 document’s example)', () => {
  const signed = tc3Sign(DOC);

  it('builds the canonical request of the document: POST, "/", empty query, three signed headers, the payload hash', () => {
    expect(createHash('sha256').update(DOC_PAYLOAD).digest('hex')).toBe('35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064');
    expect(signed.canonicalRequest).toBe(
      [
        'POST',
        '/',
        '',
        'content-type:application/json; charset=utf-8',
        'host:cvm.tencentcloudapi.com',
        'x-tc-action:describeinstances',
        '',
        'content-type;host;x-tc-action',
        '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
      ].join('\n'),
    );
  });

  it('the string to sign and the signature are the document’s', () => {
    expect(signed.stringToSign).toBe(['TC3-HMAC-SHA256', '1551113065', '2019-02-25/cvm/tc3_request', '7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84'].join('\n'));
    expect(signed.signature).toBe('be4f67d323c78ab9acb7395e43c0dbcf822a9cfac32fea2449a7bc7726b770a3');
    expect(signed.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=be4f67d323c78ab9acb7395e43c0dbcf822a9cfac32fea2449a7bc7726b770a3',
    );
  });

  it('the credential scope uses the UTC date of the timestamp (Beijing 00:30 on the 26th is still the 25th)', () => {
    const t = Date.parse('2019-02-26T00:30:00+08:00') / 1000;
    expect(tc3Sign({ ...DOC, timestamp: t }).date).toBe('2019-02-25');
  });
});

describe('template parameters fit Tencent’s variable limits', () => {
  it('every progress phrase is at most 6 characters (the strictest per-variable limit); the code is 6 digits', () => {
    for (const [kind, phrase] of Object.entries(SMS_PROGRESS_PHRASES)) expect(Array.from(phrase!).length, kind).toBeLessThanOrEqual(6);
    expect(SMS_TEMPLATE_TEXTS.code).toContain('{1}');
    expect(SMS_TEMPLATE_TEXTS.filed).not.toMatch(/密码[为是：:]\{/);
  });

  it('phones go as E.164 with +86', () => {
    expect(e164('13800138000')).toBe('+8613800138000');
    expect(e164('138-0013-8000')).toBe('+8613800138000');
    expect(e164('+8613800138000')).toBe('+8613800138000');
  });
});

describe('SendSms against the local fake (same HTTP boundary)', () => {
  let fake: FakeSms;
  beforeAll(async () => {
    fake = await startFakeSms();
  });
  afterAll(async () => fake?.stop());
  const client = (over: Partial<{ secretKey: string; signName: string }> = {}) =>
    createTencentSmsClient({ baseUrl: fake.url, secretId: fake.secretId, secretKey: over.secretKey ?? fake.secretKey, sdkAppId: fake.sdkAppId, signName: over.signName ?? fake.signName });

  it('a signed request is accepted and the phone shows the filled template with the signature', async () => {
    await client().send({ phone: '13800138000', templateId: fake.templates.progress, params: ['20260302123456', '已答复'] });
    const [m] = fake.messagesTo('13800138000');
    expect(m).toMatchObject({ phone: '+8613800138000', templateId: fake.templates.progress, params: ['20260302123456', '已答复'] });
    expect(m!.text).toBe('【民声】您的诉求（案件编号20260302123456）已答复，请在“民声”小程序查询进度查看详情。');
    const page = await (await fetch(`${fake.url}/`)).text();
    expect(page).toContain('本地短信');
    expect(page).toContain('案件编号20260302123456');
  });

  it('a wrong secret fails the signature check: the client rejects with Tencent’s code, nothing is sent', async () => {
    const before = fake.messages().length;
    await expect(client({ secretKey: 'wrong' }).send({ phone: '13800138000', templateId: fake.templates.code, params: ['123456'] })).rejects.toThrow(/AuthFailure\.SignatureFailure/);
    expect(fake.messages().length).toBe(before);
  });

  it('an unapproved signature or template is refused', async () => {
    await expect(client({ signName: '别的签名' }).send({ phone: '13800138000', templateId: fake.templates.code, params: ['123456'] })).rejects.toThrow(/SignatureIncorrectOrUnapproved/);
    await expect(client().send({ phone: '13800138000', templateId: '999', params: ['123456'] })).rejects.toThrow(/TemplateIncorrectOrUnapproved/);
  });

  it('Tencent unavailable: the client rejects (the notifier retries)', async () => {
    fake.setFailing(true);
    try {
      await expect(client().send({ phone: '13800138000', templateId: fake.templates.code, params: ['123456'] })).rejects.toThrow(/InternalError/);
    } finally {
      fake.setFailing(false);
    }
  });
});
