import { QueryClient } from '@tanstack/react-query';

/**
 * The app's one QueryClient.
 *
 * `networkMode: 'always'`: TanStack Query's default (`'online'`) pauses every query and mutation while the
 * browser says it is offline, so a Submit spins and a page shows its loader until the connection returns,
 * with nothing said. Sent anyway, a request fails at once with a network error that the page reports
 * (the wizard keeps the draft); failed queries refetch by themselves on the `online` event
 * (`refetchOnReconnect`), and the autosave retries on its own.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // `refetchOnReconnect` defaults to false with networkMode 'always': on, a page that failed offline
      // loads by itself when the connection returns.
      queries: { staleTime: 5_000, retry: 1, networkMode: 'always', refetchOnReconnect: true },
      mutations: { networkMode: 'always' },
    },
  });
}
