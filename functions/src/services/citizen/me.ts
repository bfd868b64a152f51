import {
  DomainError,
  FINAL_STATUSES,
  NOT_MY_CASE_MESSAGE,
  formatShanghaiIso,
  isDomainError,
  maskSensitiveText,
  type CaseRecord,
  type MeCase,
  type MeSessionResponse,
  type PasswordResetResponse,
} from '@minsheng/shared';
import type { MeClaims } from '../../lib/tokens';
import { hashPassword, randomPassword } from '../../lib/secrets';
import type { CaseLink } from '../../ports/citizen-links';
import { auditEvent, citizenOf, withProgress } from '../cases/case-event';
import type { ClientInfo, Deps } from '../deps';
import { identityOf } from './identity';
import { statusKeyOf } from './status-key';
import { progressAtOf } from './tracked-case';

/**
 * "My cases": what a citizen who proved who they are (in WeChat, or by an SMS code to the phone
 * given at filing) can do with the cases linked to that identity — list them with an unread mark,
 * open one without its password, unbind one (WeChat), set a new password. The identity is a keyed
 * hash (identity.ts); a case that is not linked to it is answered like one that does not exist.
 */

/** Most cases "my cases" lists. */
export const MY_CASES_MAX = 50;

const notMine = () => new DomainError('NOT_FOUND', { message: NOT_MY_CASE_MESSAGE });

/** wx.login code → WeChat's openid → a "me" session for its keyed hash. */
export async function startWeChatSession(deps: Pick<Deps, 'wechat' | 'tokens' | 'now' | 'identityKey'>, code: string): Promise<MeSessionResponse> {
  if (!deps.wechat) throw new DomainError('SERVICE_UNAVAILABLE', { message: '微信登录暂未开通，请用案件编号和查询密码查询' });
  let openid: string;
  try {
    openid = await deps.wechat.codeToOpenId(code);
  } catch (error) {
    // WeChat refused the code (used, expired, forged): who is calling is not established.
    if (isDomainError(error) && error.code === 'VALIDATION_FAILED') throw new DomainError('UNAUTHENTICATED', { message: '微信登录凭证无效或已过期，请重新进入小程序' });
    throw new DomainError('SERVICE_UNAVAILABLE', { message: '微信服务暂时不可用，请稍后重试' });
  }
  const { token, expiresAt } = await deps.tokens.issueMeToken({ via: 'wechat', identity: identityOf(deps.identityKey, 'wechat', openid) }, deps.now());
  return { token, expiresAt: formatShanghaiIso(expiresAt) };
}

function unread(c: CaseRecord, link: CaseLink): boolean {
  const progressAt = progressAtOf(c);
  return link.seenProgressAt ? progressAt > link.seenProgressAt : progressAt > c.createdAt;
}

function meCase(c: CaseRecord, link: CaseLink): MeCase {
  const open = !FINAL_STATUSES.includes(c.status) && c.status !== 'replied';
  return {
    caseNo: c.caseNo,
    type: c.type,
    title: maskSensitiveText(c.title),
    status: c.status,
    filedAt: formatShanghaiIso(new Date(c.createdAt)),
    ...(open && c.schedule ? { dueAt: formatShanghaiIso(new Date(c.schedule.dueAt)) } : {}),
    progressAt: formatShanghaiIso(new Date(progressAtOf(c))),
    unread: unread(c, link),
    via: link.via,
  };
}

/** The identity's cases, newest first, with status, due date and whether there is progress unseen. */
export async function listMyCases(deps: Pick<Deps, 'links' | 'cases'>, me: MeClaims): Promise<{ items: MeCase[] }> {
  const links = await deps.links.listLinks(me.identity, MY_CASES_MAX);
  const cases = new Map((await deps.cases.getCases(links.map((l) => l.caseNo))).map((c) => [c.caseNo, c]));
  return { items: links.flatMap((link) => (cases.has(link.caseNo) ? [meCase(cases.get(link.caseNo)!, link)] : [])) };
}

/**
 * Bind, in WeChat, the case a case token opens (the citizen just logged in with its number and
 * password): from now on WeChat opens it without the password. Seen as of now.
 */
export async function bindCase(deps: Pick<Deps, 'links' | 'cases' | 'tokens' | 'now'>, me: MeClaims, caseToken: string): Promise<{ item: MeCase }> {
  const now = deps.now();
  let caseNo: string;
  try {
    caseNo = (await deps.tokens.verifyCitizenToken(caseToken, now)).caseNo;
  } catch {
    throw new DomainError('VALIDATION_FAILED', { fields: { caseToken: '案件登录已失效，请重新输入案件编号和查询密码后再绑定' } });
  }
  const c = await deps.cases.getCase(caseNo);
  if (!c) throw new DomainError('VALIDATION_FAILED', { fields: { caseToken: '案件登录已失效，请重新输入案件编号和查询密码后再绑定' } });
  await deps.links.link({ identity: me.identity, caseNo, via: 'wechat', linkedAt: now.toISOString() });
  await deps.links.markSeen(me.identity, caseNo, progressAtOf(c));
  const link = await deps.links.getLink(me.identity, caseNo);
  if (!link) throw notMine(); // unbound meanwhile
  return { item: meCase(c, link) };
}

async function linkedCase(deps: Pick<Deps, 'links' | 'cases'>, me: MeClaims, caseNo: string): Promise<CaseRecord> {
  const link = await deps.links.getLink(me.identity, caseNo);
  const c = link ? await deps.cases.getCase(caseNo) : undefined;
  if (!c) throw notMine();
  return c;
}

/** A case token for one of the identity's cases (no password needed); the case counts as seen. */
export async function openMyCase(deps: Pick<Deps, 'links' | 'cases' | 'tokens' | 'now'>, me: MeClaims, caseNo: string): Promise<MeSessionResponse> {
  const c = await linkedCase(deps, me, caseNo);
  const { token, expiresAt } = await deps.tokens.issueCitizenToken(caseNo, deps.now());
  await deps.links.markSeen(me.identity, caseNo, progressAtOf(c));
  return { token, expiresAt: formatShanghaiIso(expiresAt) };
}

/** Unbind a case from a WeChat user (a phone's link is the filing's and stays). */
export async function unbindCase(deps: Pick<Deps, 'links'>, me: MeClaims, caseNo: string): Promise<void> {
  const link = await deps.links.getLink(me.identity, caseNo);
  if (!link) throw notMine();
  await deps.links.unlink(me.identity, caseNo);
}

/**
 * A new password for one of the identity's cases: the old one stops working at once (the hash is
 * replaced in the same transaction as the case and the event that records the reset), and with it
 * every status key made from it.
 */
export async function resetCasePassword(
  deps: Pick<Deps, 'links' | 'cases' | 'now' | 'statusKeyKey'>,
  me: MeClaims,
  caseNo: string,
  client: ClientInfo,
): Promise<PasswordResetResponse> {
  await linkedCase(deps, me, caseNo);
  const password = randomPassword();
  const passwordHash = await hashPassword(password);
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.cases.getCase(caseNo);
    if (!current) throw notMine();
    const now = deps.now();
    const event = auditEvent(current, 'password_reset', citizenOf(caseNo), now, { via: me.via }, client);
    const next = withProgress({ ...current, version: current.version + 1, updatedAt: now.toISOString() }, event);
    if ((await deps.cases.replacePassword(next, current.version, event, passwordHash)).ok) {
      return { caseNo, password, statusKey: statusKeyOf(deps.statusKeyKey, caseNo, passwordHash) };
    }
  }
  throw new DomainError('VERSION_CONFLICT');
}
