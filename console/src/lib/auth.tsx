import type { ConsoleLoginResponse, OfficialRole } from '@minsheng/shared';
import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { api } from './api-client';
import { sessionStore, type Session, type SignOutReason } from './session';

interface AuthValue {
  session: Session | null;
  /** Why there is no session (shown on the login page). */
  reason?: SignOutReason;
  login(username: string, password: string): Promise<Session>;
  logout(): void;
}

const AuthContext = createContext<AuthValue | null>(null);

/** Minutes before expiry at which the official is warned. */
const WARN_MINUTES = 5;

export function AuthProvider({ children, onExpiringSoon }: { children: ReactNode; onExpiringSoon?: (minutes: number) => void }) {
  const state = useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
  const [now, setNow] = useState(() => Date.now());

  // End the session at its expiry time even if no request is made (drafts are saved as typed).
  useEffect(() => {
    if (!state.session) return;
    const expiresAt = Date.parse(state.session.expiresAt);
    const warnAt = expiresAt - WARN_MINUTES * 60_000;
    const timers: number[] = [];
    if (warnAt > now) timers.push(window.setTimeout(() => onExpiringSoon?.(WARN_MINUTES), warnAt - now));
    timers.push(window.setTimeout(() => sessionStore.signOut('expired'), Math.max(0, expiresAt - now)));
    return () => timers.forEach((t) => window.clearTimeout(t));
  }, [state.session, now, onExpiringSoon]);

  const value = useMemo<AuthValue>(
    () => ({
      session: state.session,
      ...(state.reason ? { reason: state.reason } : {}),
      async login(username, password) {
        const res = await api<ConsoleLoginResponse>('/console/login', { body: { username, password }, anonymous: true });
        const session: Session = { token: res.token, expiresAt: res.expiresAt, official: res.official };
        sessionStore.signIn(session);
        setNow(Date.now());
        return session;
      },
      logout() {
        sessionStore.signOut('logout');
      },
    }),
    [state],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** The signed-in official (only under a route that requires one). */
export function useOfficial() {
  const { session } = useAuth();
  if (!session) throw new Error('useOfficial without a session');
  return session.official;
}

export function hasRole(role: OfficialRole, ...roles: OfficialRole[]): boolean {
  return roles.includes(role);
}
