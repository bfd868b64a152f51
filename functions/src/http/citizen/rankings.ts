import { PATH_PARAMS } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { publishedMonths, publishedRanking } from '../../services/stats/assessment';

/** GET /api/assessment/rankings — the months whose 部门排行 a supervisor published, newest first. */
export const months = httpRoute(wire.inject({ assessment: wire.assessment }), {
  handle: async ({ deps }) => ({ body: await publishedMonths(deps), headers: { 'Cache-Control': 'public, max-age=60' } }),
});

/** GET /api/assessment/rankings/{month} — a published month's ranking, as published (404 otherwise). */
export const month = httpRoute(wire.inject({ assessment: wire.assessment }), {
  params: { month: PATH_PARAMS.month },
  handle: async (input) => ({ body: await publishedRanking(input.deps, input.pathParam('month')), headers: { 'Cache-Control': 'public, max-age=60' } }),
});
