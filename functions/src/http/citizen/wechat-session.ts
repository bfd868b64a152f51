import { wechatSessionRequestSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { startWeChatSession } from '../../services/citizen/me';

/** POST /api/wechat/session { code } — wx.login → a "me" session for "my cases" (503 without WeChat, 401 for a refused code). */
export const handler = httpRoute(wire.inject({ wechat: wire.wechat, identityKey: wire.identityKey, ...wire.citizenAuthDeps() }), {
  body: wechatSessionRequestSchema,
  handle: async ({ body, deps }) => ({ body: await startWeChatSession(deps, body.code) }),
});
