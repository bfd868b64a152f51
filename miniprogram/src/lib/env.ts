/**
 * The API origin, fixed at build time from TARO_APP_API_BASE (see config/index.ts): '' on H5,
 * so requests go to the same origin's /api; an absolute origin on weapp.
 */
export const API_BASE: string = process.env.TARO_APP_API_BASE ?? '';

export const IS_H5 = process.env.TARO_ENV === 'h5';
export const IS_WEAPP = process.env.TARO_ENV === 'weapp';

/**
 * The WeChat subscription-message templates (their ids from mp.weixin.qq.com → 订阅消息), comma-separated,
 * fixed at build time from TARO_APP_WECHAT_TEMPLATE_IDS; '' when none is configured.
 */
export const WECHAT_TEMPLATE_IDS: string = process.env.TARO_APP_WECHAT_TEMPLATE_IDS ?? '';
