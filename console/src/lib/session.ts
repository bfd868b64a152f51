import type { OfficialDto } from '@minsheng/shared';

/** The signed-in official, kept in localStorage so a new tab stays signed in until the token expires. */
export interface Session {
  token: string;
  expiresAt: string;
  official: OfficialDto;
}

/** Why the official was sent back to the login page. */
export type SignOutReason = 'logout' | 'expired' | 'revoked';

type State = { session: Session | null; reason?: SignOutReason };
type Listener = (state: State) => void;

const KEY = 'minsheng.console.session';

function read(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    if (!s.token || !s.official || Date.parse(s.expiresAt) <= Date.now()) {
      localStorage.removeItem(KEY);
      return null;
    }
    return s;
  } catch {
    return null;
  }
}

let state: State = { session: read() };
const listeners = new Set<Listener>();

function set(next: State) {
  state = next;
  for (const l of listeners) l(state);
}

/** The session store: the API client reads the token from it and ends it on a 401. */
export const sessionStore = {
  get: (): State => state,
  token: (): string | undefined => state.session?.token,
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  signIn(session: Session) {
    localStorage.setItem(KEY, JSON.stringify(session));
    set({ session });
  },
  signOut(reason: SignOutReason) {
    localStorage.removeItem(KEY);
    if (state.session || state.reason !== reason) set({ session: null, reason });
  },
};

// Another tab signed in or out: follow it.
window.addEventListener('storage', (e) => {
  if (e.key !== KEY) return;
  const s = read();
  set(s ? { session: s } : { session: null, reason: 'logout' });
});
