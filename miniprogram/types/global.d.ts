/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    TARO_ENV: 'weapp' | 'h5';
    /** API origin baked in at build time (config/index.ts): '' on H5 (same origin), absolute on weapp. */
    TARO_APP_API_BASE: string;
    TARO_APP_H5_SITE?: string;
    /** WeChat subscription-message template ids, comma-separated (config/index.ts); '' when none. */
    TARO_APP_WECHAT_TEMPLATE_IDS?: string;
  }
}
