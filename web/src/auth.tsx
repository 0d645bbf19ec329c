import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { api } from './api/client';
import { isApiError } from './api/errors';
import type { Me } from './api/types';
import { useI18n } from './i18n/context';

/** A one-time message shown on the login page after leaving the signed-in area. */
export type Farewell = 'logged_out' | 'deleted' | 'session_expired';

export type AuthStatus = 'loading' | 'signed_in' | 'signed_out';

export interface Auth {
  status: AuthStatus;
  me: Me | null;
  /** True when the last attempt to reach the server failed at the network level. */
  offline: boolean;
  farewell: Farewell | null;
  /** Call after login or sign-up: adopts the member's saved language. */
  signedIn: (me: Me) => void;
  /** Replace the member after an update (e.g. PATCH /me). */
  updated: (me: Me) => void;
  signedOut: (farewell?: Farewell) => void;
  clearFarewell: () => void;
  /** Ask the server again who is signed in. */
  refresh: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ComponentChildren }) {
  const { locale, setLocale, hasSavedChoice } = useI18n();
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const [offline, setOffline] = useState(false);
  const [farewell, setFarewell] = useState<Farewell | null>(null);

  const refresh = useCallback(async () => {
    try {
      const current = await api.me();
      setMe(current);
      setStatus('signed_in');
      setOffline(false);
      // A device without its own choice follows the member's saved language.
      if (!hasSavedChoice()) setLocale(current.locale);
    } catch (e) {
      setMe(null);
      setStatus('signed_out');
      setOffline(isApiError(e) && (e.code === 'network' || e.code === 'unavailable'));
    }
  }, [hasSavedChoice, setLocale]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo<Auth>(
    () => ({
      status,
      me,
      offline,
      farewell,
      signedIn: (m) => {
        setMe(m);
        setStatus('signed_in');
        setOffline(false);
        setFarewell(null);
        if (m.locale !== locale) setLocale(m.locale);
      },
      updated: (m) => setMe(m),
      signedOut: (f) => {
        setMe(null);
        setStatus('signed_out');
        setFarewell(f ?? null);
      },
      clearFarewell: () => setFarewell(null),
      refresh,
    }),
    [status, me, offline, farewell, locale, setLocale, refresh],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
