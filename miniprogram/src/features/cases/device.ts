import type { CaseType, FileCaseResponse } from '@minsheng/shared';
import { readStored, removeStored, writeStored } from '../../lib/storage';
import type { RememberedCase } from './types';

const CASES_KEY = 'minsheng:cases';
const DRAFT_KEY = 'minsheng:draft';
const SESSION_KEY = 'minsheng:session';

// ---- "My cases": credentials remembered on this device ----

export function rememberedCases(): RememberedCase[] {
  const list = readStored<RememberedCase[]>(CASES_KEY);
  return Array.isArray(list) ? list : [];
}

export function rememberCase(filed: FileCaseResponse, title: string, type: CaseType, extra: { publishConsent?: boolean } = {}): void {
  const entry: RememberedCase = {
    caseNo: filed.caseNo,
    password: filed.password,
    title,
    type,
    filedAt: new Date().toISOString(),
    dueAt: filed.dueAt,
    ...(extra.publishConsent ? { publishConsent: true } : {}),
  };
  writeStored(CASES_KEY, [entry, ...rememberedCases().filter((c) => c.caseNo !== filed.caseNo)]);
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
  /** Consultations only: the citizen agrees that the answer, anonymised, may be published in the library. */
  publishConsent: boolean;
  /** The last link that chose the type (`?link=` of the form's URL), so that seeing it again changes nothing. */
  link?: string;
  /** The key of a submission whose answer we never saw, and the body it was sent with. */
  pending?: { key: string; body: string };
}

export const EMPTY_DRAFT: Draft = { title: '', content: '', name: '', phone: '', anonymous: false, place: '', publishConsent: false };

export function loadDraft(): Draft {
  return { ...EMPTY_DRAFT, ...readStored<Partial<Draft>>(DRAFT_KEY) };
}

export function saveDraft(draft: Draft): void {
  writeStored(DRAFT_KEY, draft);
}

export function clearDraft(): void {
  removeStored(DRAFT_KEY);
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
