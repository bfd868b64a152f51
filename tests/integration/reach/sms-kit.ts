/**
 * Helpers for the SMS tests (not a test file itself): the stack's deps get a Tencent SMS client
 * pointed at the local fake (and a WeChat client at the fake WeChat), as the local stack configures
 * them through SMS_* / WECHAT_*; the routes use this same deps object.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createDocumentClient } from '../../../functions/src/adapters/dynamo/client';
import { createTencentSmsClient } from '../../../functions/src/adapters/sms/tencent';
import { createWeChatClient } from '../../../functions/src/adapters/wechat/client';
import type { Deps } from '../../../functions/src/services/deps';
import { startFakeSms, type FakeSms } from '../../../infra/src/fake-sms';
import { startFakeWeChat, type FakeWeChat } from '../../../infra/src/fake-wechat';
import type { TestStack } from '../../support/stack';

export interface Fakes {
  sms: FakeSms;
  wechat: FakeWeChat;
  smsClient: ReturnType<typeof createTencentSmsClient>;
  stop(): Promise<void>;
}

export async function withFakes(stack: TestStack): Promise<Fakes> {
  const [sms, wechat] = await Promise.all([startFakeSms(), startFakeWeChat()]);
  const smsClient = createTencentSmsClient({ baseUrl: sms.url, secretId: sms.secretId, secretKey: sms.secretKey, sdkAppId: sms.sdkAppId, signName: sms.signName });
  Object.assign(stack.deps, {
    sms: smsClient,
    smsTemplates: sms.templates,
    wechat: createWeChatClient({ baseUrl: wechat.url, appId: wechat.appId, appSecret: wechat.appSecret }),
    wechatTemplateId: 'tpl-progress',
  } satisfies Partial<Deps>);
  return { sms, wechat, smsClient, stop: async () => void (await Promise.all([sms.stop(), wechat.stop()])) };
}

/**
 * The case's SMS setting as filing stores it for `smsOptIn: false` (the filing field lands with the
 * identity work; the stored shape `sms: { optIn }` is the contract's).
 */
export async function setSmsOptIn(stack: TestStack, caseNo: string, optIn: boolean): Promise<void> {
  const client = createDocumentClient({ region: 'local', endpoint: inject('dynamoEndpoint') });
  await client.send(new UpdateCommand({ TableName: stack.tableName, Key: { pk: `CASE#${caseNo}`, sk: 'CASE' }, UpdateExpression: 'SET sms = :s', ExpressionAttributeValues: { ':s': { optIn } } }));
}
