/**
 * Half-written forms (a reply, a reason) kept in local storage as the official types, so that an
 * expired session, a reload or a version conflict never loses them. Keyed by official, case and
 * action; removed once the action succeeds.
 */
export interface Draft<T> {
  values: T;
  savedAt: string;
}

const PREFIX = 'minsheng.console.draft';

export function draftKey(username: string, caseNo: string, action: string): string {
  return `${PREFIX}.${username}.${caseNo}.${action}`;
}

export function loadDraft<T>(key: string): Draft<T> | undefined {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Draft<T>) : undefined;
  } catch {
    return undefined;
  }
}

/** Save, or remove when every value is empty. */
export function saveDraft<T extends Record<string, unknown>>(key: string, values: T): void {
  const empty = Object.values(values).every((v) => v === undefined || v === null || (typeof v === 'string' && v.trim() === ''));
  try {
    if (empty) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify({ values, savedAt: new Date().toISOString() } satisfies Draft<T>));
  } catch {
    // Storage full or blocked: the form still works, only without the safety net.
  }
}

export function clearDraft(key: string): void {
  localStorage.removeItem(key);
}

/** The actions on this case that have a saved draft (for a "draft kept" notice). */
export function draftsFor(username: string, caseNo: string): string[] {
  const prefix = `${PREFIX}.${username}.${caseNo}.`;
  const out: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (k?.startsWith(prefix)) out.push(k.slice(prefix.length));
  }
  return out;
}
