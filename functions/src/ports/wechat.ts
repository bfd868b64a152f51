/** The parts of WeChat's server API the platform uses (behind a client whose base URL is configuration). */
export interface WeChatApi {
  /** wx.login code → the user's openid (code2Session). */
  codeToOpenId(code: string): Promise<string>;
  /** Send a subscription message; resolves when WeChat accepted it. */
  sendSubscribeMessage(message: { openid: string; templateId: string; page: string; data: Record<string, { value: string }> }): Promise<void>;
}
