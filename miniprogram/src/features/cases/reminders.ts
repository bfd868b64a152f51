import Taro from '@tarojs/taro';
import { subscribeToProgress } from './api';
import { IS_WEAPP, WECHAT_TEMPLATE_IDS } from '../../lib/env';
import { ApiError } from '../../lib/request';
import { wechatLoginCode } from '../../lib/wechat';

/** WeChat takes at most 3 one-time templates in one requestSubscribeMessage. */
const TEMPLATES_PER_REQUEST = 3;

/** `a, b,,a` → `['a', 'b']`: the configured templates, each once, at most three. */
export function parseTemplateIds(raw: string | undefined): string[] {
  const ids = (raw ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  return [...new Set(ids)].slice(0, TEMPLATES_PER_REQUEST);
}

export const TEMPLATE_IDS = parseTemplateIds(WECHAT_TEMPLATE_IDS);

/** The 接收进度提醒 button exists only inside WeChat, and only when the build has templates to ask for. */
export function remindersOffered(weapp = IS_WEAPP, templateIds = TEMPLATE_IDS): boolean {
  return weapp && templateIds.length > 0;
}

/** The templates the citizen accepted in WeChat's dialog (`{ [id]: 'accept' | 'reject' | 'ban' }`). */
export function acceptedTemplates(asked: string[], result: Record<string, unknown>): string[] {
  return asked.filter((id) => result[id] === 'accept');
}

export const REMINDER_RULE = '微信规定：每同意一次，只能收到一条提醒。办理有进展（受理、需要补充材料、已答复、超期督办、办结）时，微信会通知您。';

/** What was agreed, plainly: one message per acceptance, and how many are now due. */
export function agreedMessage(credits: number | undefined): string {
  const base = '已同意接收 1 次进度提醒；每次同意只能收到一条，如需继续接收请再次点击「接收进度提醒」';
  return typeof credits === 'number' && credits > 0 ? `${base}。目前共可收到 ${credits} 条进度提醒。` : `${base}。`;
}

export type ReminderOutcome = { kind: 'success' | 'info' | 'error'; text: string };

/**
 * Ask WeChat for permission (must run first, straight from the tap), then wx.login for a code, then
 * tell the server which templates were accepted. `caseToken` gives this case's token (it may log in).
 */
export async function askForReminders(caseToken: () => Promise<string>, templateIds = TEMPLATE_IDS): Promise<ReminderOutcome> {
  let result: Record<string, unknown>;
  try {
    result = (await Taro.requestSubscribeMessage({ tmplIds: templateIds } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, unknown>;
  } catch (e) {
    // 20004: the citizen switched off messages for this mini-program in WeChat's settings.
    const code = (e as { errCode?: number })?.errCode;
    return code === 20004
      ? { kind: 'info', text: '您已在微信中关闭了本小程序的消息提醒。如需接收，请点右上角「···」→「设置」打开「订阅消息」，再点「接收进度提醒」。' }
      : { kind: 'error', text: '没能打开微信的提醒设置，请稍后再试。您仍可随时在这里查看办理进度。' };
  }
  const accepted = acceptedTemplates(templateIds, result);
  if (accepted.length === 0) return { kind: 'info', text: '您没有同意接收提醒，不会收到微信消息。以后想接收，再点「接收进度提醒」即可；办理进度随时可以在这里查看。' };
  try {
    const code = await wechatLoginCode();
    const res = await subscribeToProgress(await caseToken(), { code, templateIds: accepted });
    return { kind: 'success', text: agreedMessage(res.credits) };
  } catch (e) {
    return { kind: 'error', text: e instanceof ApiError ? `提醒没有设置成功：${e.message}` : '提醒没有设置成功，请稍后再试。' };
  }
}
