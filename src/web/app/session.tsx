import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import i18n, { currentLocale, rememberPreSignInLocale } from '../i18n/index.js';
import { api, isApiError } from '../lib/api.js';
import { setSignedInHint } from '../lib/early.js';
import { errorMessage } from '../lib/errors.js';
import type { Locale, Me } from '../lib/types.js';

export const ME_KEY = ['me'] as const;

/** The signed-in user, or null when there is no valid session (401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/auth/me');
    setSignedInHint(true);
    return me;
  } catch (e) {
    if (isApiError(e) && e.status === 401) {
      setSignedInHint(false);
      return null;
    }
    throw e;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Infinity, retry: false });
}

/** Forgets everything cached for the previous user (a new user must never see it). */
export function resetSession(qc: QueryClient, me: Me | null) {
  qc.cancelQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  qc.setQueryData(ME_KEY, me);
  setSignedInHint(me !== null);
}

const SessionContext = createContext<Me | null>(null);
export const SessionProvider = SessionContext.Provider;

/** The signed-in user inside the signed-in part of the app (RequireAuth provides it). */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession outside of a signed-in page');
  return me;
}

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) => api.post<Me>('/auth/sign-in', input),
    onSuccess: (me) => resetSession(qc, me),
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/auth/sign-out'),
    // Signed out locally even when the server cannot be reached: the cookie is its problem then.
    onSettled: () => resetSession(qc, null),
  });
}

/**
 * Switches the language at once; when someone is signed in it is also saved on their user
 * (PATCH /auth/me), so it follows them to other devices. Before sign-in it is kept on this device.
 */
export function useSetLocale() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();
  const save = useMutation({
    mutationFn: (locale: Locale) => api.patch<Me>('/auth/me', { locale }),
    onSuccess: (me) => qc.setQueryData(ME_KEY, me),
  });
  return {
    pending: save.isPending,
    setLocale(locale: Locale) {
      const previous = currentLocale();
      if (locale === previous) return;
      void i18n.changeLanguage(locale);
      const me = qc.getQueryData<Me | null>(ME_KEY);
      if (!me) {
        rememberPreSignInLocale(locale);
        return;
      }
      save.mutate(locale, {
        onError: (err) => {
          void i18n.changeLanguage(previous);
          void message.error(errorMessage(err, t));
        },
      });
    },
  };
}
