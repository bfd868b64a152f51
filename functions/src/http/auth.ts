import type { RouteInput } from '../lib/http';
import { authenticateOfficial, type AuthenticateDeps, type OfficialContext } from '../services/auth/officials';
import type { Deps } from '../services/deps';

/** The case number a citizen token opens; 401 when missing, invalid or expired. */
export async function citizenCaseNo(input: RouteInput<Pick<Deps, 'tokens' | 'now'>, unknown, unknown>): Promise<string> {
  const { caseNo } = await input.deps.tokens.verifyCitizenToken(input.bearerToken(), input.deps.now());
  return caseNo;
}

/** The official behind the request's console token, checked against their account; 401 otherwise. */
export function consoleOfficial(input: RouteInput<AuthenticateDeps, unknown, unknown>): Promise<OfficialContext> {
  return authenticateOfficial(input.deps, input.bearerToken());
}
