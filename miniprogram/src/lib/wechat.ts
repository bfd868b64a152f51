import Taro from '@tarojs/taro';

/** A one-time code from wx.login (weapp only), for the server's code2Session. */
export async function wechatLoginCode(): Promise<string> {
  const { code } = await Taro.login();
  if (!code) throw new Error('wx.login gave no code');
  return code;
}
