import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { errorCodeOf } from './errors.ts';

/**
 * The session query's key (`trpc.account.me.queryKey()` starts with it). A prefix, so that it matches
 * whatever input and type tRPC appends.
 */
export const SESSION_QUERY_KEY = [['account', 'me']];

/**
 * The app's one QueryClient.
 *
 * `networkMode: 'always'`: TanStack Query's default (`'online'`) pauses every query and mutation while the
 * browser says it is offline, so a Submit spins and a page shows its loader until the connection returns,
 * with nothing said. Sent anyway, a request fails at once with a network error that the page reports
 * (the wizard keeps the draft); failed queries refetch by themselves on the `online` event
 * (`refetchOnReconnect`), and the autosave retries on its own.
 *
 * A request refused as UNAUTHORIZED means the session ended (expired, signed out in another tab): the
 * session is read again, so the app shows its sign-in page where the person was, and brings them back
 * there once signed in. Before, the header still named them and the wizard offered only a Retry that
 * could not succeed.
 */
export function createQueryClient(): QueryClient {
  const onError = (error: unknown) => {
    if (errorCodeOf(error) === 'UNAUTHORIZED') void client.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      // `refetchOnReconnect` defaults to false with networkMode 'always': on, a page that failed offline
      // loads by itself when the connection returns.
      queries: { staleTime: 5_000, retry: 1, networkMode: 'always', refetchOnReconnect: true },
      mutations: { networkMode: 'always' },
    },
  });
  return client;
}
