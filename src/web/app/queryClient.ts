import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../lib/api.js';

const ME = 'me';

/**
 * A 401 from any call means the session ended (time-out, signed out elsewhere, password changed):
 * forget the user, and the guard sends them to the sign-in page with the way back.
 */
export function createQueryClient(): QueryClient {
  const onError = (err: unknown) => {
    if (isApiError(err) && err.status === 401 && client.getQueryData([ME])) client.setQueryData([ME], null);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Client errors will not heal by themselves; only retry what may (network, 5xx).
        retry: (count, err) => !(isApiError(err) && err.status >= 400 && err.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
