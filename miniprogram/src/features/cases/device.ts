import type { CaseType } from '@minsheng/shared';
import { readStored, removeStored, writeStored } from '../../lib/storage';
import type { DraftUpload } from './uploads';
import type { FiledCase, MeToken, RememberedCase } from './types';

const CASES_KEY = 'minsheng:cases';
const DRAFT_KEY = 'minsheng:draft';
const SESSION_KEY = 'minsheng:session';
const WECHAT_KEY = 'minsheng:wechat';
const FILED_PHOTOS_KEY = 'minsheng:filed-photos';

// ---- "My cases": credentials remembered on this device ----

export function rememberedCases(): RememberedCase[] {
  const list = readStored<RememberedCase[]>(CASES_KEY);
  return Array.isArray(list) ? list : [];
}

export function rememberCase(filed: FiledCase, title: string, type: CaseType, extra: { publishConsent?: boolean; withPhone?: boolean; sms?: boolean } = {}): void {
  const entry: RememberedCase = {
    caseNo: filed.caseNo,
    password: filed.password,
    title,
    type,
    filedAt: new Date().toISOString(),
    dueAt: filed.dueAt,
    ...(extra.publishConsent ? { publishConsent: true } : {}),
    ...(filed.statusKey ? { statusKey: filed.statusKey } : {}),
    ...(extra.withPhone !== undefined ? { withPhone: extra.withPhone } : {}),
    ...(extra.sms !== undefined ? { sms: extra.sms } : {}),
  };
  writeStored(CASES_KEY, [entry, ...rememberedCases().filter((c) => c.caseNo !== filed.caseNo)]);
}

/** Change what this device remembers of a case (a new status key, the progress last seen); nothing if it is not remembered. */
export function updateRememberedCase(caseNo: string, patch: Partial<Omit<RememberedCase, 'caseNo'>>): void {
  const list = rememberedCases();
  if (!list.some((c) => c.caseNo === caseNo)) return;
  writeStored(
    CASES_KEY,
    list.map((c) => (c.caseNo === caseNo ? { ...c, ...patch } : c)),
  );
}

/**
 * A new password (after 重设查询密码): the entry gets it and its new status key, or, on a device that had
 * forgotten the case, is made anew from what "my cases" said of it.
 */
export function rememberNewPassword(
  reset: { caseNo: string; password: string; statusKey?: string },
  known: { title: string; type: CaseType; filedAt: string; dueAt?: string },
): void {
  const { statusKey: _old, ...previous } = findRememberedCase(reset.caseNo) ?? { caseNo: reset.caseNo, title: known.title, type: known.type, filedAt: known.filedAt, dueAt: known.dueAt ?? '', withPhone: true };
  const entry: RememberedCase = { ...previous, password: reset.password, ...(reset.statusKey ? { statusKey: reset.statusKey } : {}) };
  writeStored(CASES_KEY, [entry, ...rememberedCases().filter((c) => c.caseNo !== reset.caseNo)]);
  const session = currentSession();
  if (session?.caseNo === reset.caseNo) clearSession();
}

export function findRememberedCase(caseNo: string): RememberedCase | undefined {
  return rememberedCases().find((c) => c.caseNo === caseNo);
}

export function forgetCase(caseNo: string): void {
  writeStored(CASES_KEY, rememberedCases().filter((c) => c.caseNo !== caseNo));
  const session = currentSession();
  if (session?.caseNo === caseNo) clearSession();
}

// ---- The filing draft: survives leaving the page, closing the app, a failed submission ----

export interface Draft {
  type?: CaseType;
  categoryId?: string;
  title: string;
  content: string;
  name: string;
  phone: string;
  anonymous: boolean;
  place: string;
  lat?: number;
  lng?: number;
  /** 所在地区: the unit of the jurisdiction tree picked (GET /api/units); the place text stays free. */
  unitId?: string;
  /** Consultations only: the citizen agrees that the answer, anonymised, may be published in the library. */
  publishConsent: boolean;
  /** With a mobile number: the case number by SMS at once, and progress by SMS (on unless switched off). */
  smsOptIn: boolean;
  /** The last link that chose the type (`?link=` of the form's URL), so that seeing it again changes nothing. */
  link?: string;
  /** The key of a submission whose answer we never saw, and the body it was sent with. */
  pending?: { key: string; body: string };
  /** Photos uploaded and completed for this filing (each with its uploadToken and a small preview): attached when it is filed. */
  uploads?: DraftUpload[];
  /** When it was last saved (ISO): the restore notice says it. */
  savedAt?: string;
}

export const EMPTY_DRAFT: Draft = { title: '', content: '', name: '', phone: '', anonymous: false, place: '', publishConsent: false, smsOptIn: true };

export function loadDraft(): Draft {
  return { ...EMPTY_DRAFT, ...readStored<Partial<Draft>>(DRAFT_KEY) };
}

export function saveDraft(draft: Draft): void {
  writeStored(DRAFT_KEY, { ...draft, savedAt: new Date().toISOString() });
}

export function clearDraft(): void {
  removeStored(DRAFT_KEY);
}

/** The previews of the photos just filed, for the credentials page (the last filing's only). */
export function rememberFiledPhotos(caseNo: string, previews: string[]): void {
  if (previews.length) writeStored(FILED_PHOTOS_KEY, { caseNo, previews });
  else removeStored(FILED_PHOTOS_KEY);
}

export function filedPhotos(caseNo: string): string[] {
  const saved = readStored<{ caseNo: string; previews: string[] }>(FILED_PHOTOS_KEY);
  return saved?.caseNo === caseNo && Array.isArray(saved.previews) ? saved.previews : [];
}

// ---- The tracking session: a short-lived token for one case ----

export interface Session {
  caseNo: string;
  token: string;
  expiresAt: string;
}

export function currentSession(): Session | undefined {
  const s = readStored<Session>(SESSION_KEY);
  if (!s || !s.token || Date.parse(s.expiresAt) <= Date.now()) return undefined;
  return s;
}

export function saveSession(session: Session): void {
  writeStored(SESSION_KEY, session);
}

export function clearSession(): void {
  removeStored(SESSION_KEY);
}

// ---- The WeChat "my cases" session (weapp only): a me token for this WeChat user ----

export interface WechatSession extends MeToken {
  /** Cases already bound in this session: a later login does not bind them again. */
  bound: string[];
}

export function currentWechatSession(): WechatSession | undefined {
  const s = readStored<WechatSession>(WECHAT_KEY);
  if (!s || !s.token || Date.parse(s.expiresAt) <= Date.now()) return undefined;
  return { ...s, bound: Array.isArray(s.bound) ? s.bound : [] };
}

export function saveWechatSession(token: MeToken): void {
  writeStored(WECHAT_KEY, { token: token.token, expiresAt: token.expiresAt, bound: [] } satisfies WechatSession);
}

export function markBound(caseNo: string): void {
  const s = currentWechatSession();
  if (s && !s.bound.includes(caseNo)) writeStored(WECHAT_KEY, { ...s, bound: [...s.bound, caseNo] });
}

export function clearWechatSession(): void {
  removeStored(WECHAT_KEY);
}
