import type { AppRouter } from '@assay/server';
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  TRPCClientError,
} from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';

/** Only the router's type crosses from the server. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type ApiClient = ReturnType<typeof createApiClient>;

/**
 * How long a query or mutation may wait for the server's answer. A server that takes the connection and never
 * answers would otherwise leave a spinner forever; after this the request fails with a timeout the page can
 * name and retry. Uploads (upload.ts) and live scoring (a subscription) are not bound by it.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

/** Queries and mutations go batched over HTTP; subscriptions (live scoring) over server-sent events. */
export function createApiClient({ url = '/api/trpc', timeoutMs = REQUEST_TIMEOUT_MS } = {}) {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url, eventSourceOptions: () => ({ withCredentials: true }) }),
        false: httpBatchLink({
          url,
          fetch: (input, init) => {
            // tRPC's own signal cancels a query nobody needs any more; the timeout is added to it.
            const timeout = AbortSignal.timeout(timeoutMs);
            const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
            return fetch(input, { ...init, signal, credentials: 'include' });
          },
        }),
      }),
    ],
  });
}

export function isApiError(error: unknown): error is TRPCClientError<AppRouter> {
  return error instanceof TRPCClientError;
}
