import { PATH_PARAMS } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { assessmentExemptions, assessmentRanking, publishRanking } from '../../services/stats/assessment';

const deps = () => wire.inject({ ...wire.officialAuthDeps(), stats: wire.stats, reference: wire.reference, assessment: wire.assessment, assessmentWeights: wire.assessmentWeights });

/** GET /api/console/assessment/{month}: the 考核排名 of the viewer's subtree (departments and child units). */
export const ranking = httpRoute(deps(), {
  auth: officialIn(['intake', 'supervisor', 'admin']),
  params: { month: PATH_PARAMS.month },
  handle: async (input) => ({ body: await assessmentRanking(input.deps, input.auth, input.pathParam('month')) }),
});

/** GET /api/console/assessment/{month}/exemptions: the cases exempted (免于考核) in the month within the subtree. */
export const exemptions = httpRoute(deps(), {
  auth: officialIn(['intake', 'supervisor', 'admin']),
  params: { month: PATH_PARAMS.month },
  handle: async (input) => ({ body: await assessmentExemptions(input.deps, input.auth, input.pathParam('month')) }),
});

/** POST /api/console/assessment/{month}/publish: a root supervisor makes the month's city ranking public. */
export const publish = httpRoute(deps(), {
  auth: officialIn(['supervisor']),
  params: { month: PATH_PARAMS.month },
  handle: async (input) => ({ status: 201, body: await publishRanking(input.deps, input.auth, input.pathParam('month')) }),
});
