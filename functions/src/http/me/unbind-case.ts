import { PATH_PARAMS } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { unbindCase } from '../../services/citizen/me';
import { meInWeChat } from '../auth';

/** DELETE /api/me/cases/{caseNo} (me token, WeChat) — unbind; 204. */
export const handler = httpRoute(wire.inject({ links: wire.links, ...wire.citizenAuthDeps() }), {
  auth: meInWeChat,
  params: { caseNo: PATH_PARAMS.myCaseNo },
  handle: async ({ deps, auth, pathParam }) => {
    await unbindCase(deps, auth, pathParam('caseNo'));
    return { status: 204, body: undefined };
  },
});
