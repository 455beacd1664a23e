import { MutationObserver, onlineManager, QueryObserver } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createQueryClient, SESSION_QUERY_KEY } from './query-client.ts';

afterEach(() => onlineManager.setOnline(true));

const failedToFetch = () => Promise.reject(new TypeError('Failed to fetch'));

describe('createQueryClient', () => {
  // TanStack Query's default networkMode pauses a mutation while offline: a Submit that spun until the
  // connection came back, with nothing said.
  it('fails a mutation at once while offline instead of pausing it', async () => {
    onlineManager.setOnline(false);
    const client = createQueryClient();
    const observer = new MutationObserver(client, { mutationFn: failedToFetch });
    await expect(observer.mutate()).rejects.toThrow('Failed to fetch');
    expect(observer.getCurrentResult().isPaused).toBe(false);
    expect(observer.getCurrentResult().status).toBe('error');
  });

  it('fails a query while offline (so the page can say so) and refetches it on reconnect', async () => {
    onlineManager.setOnline(false);
    const client = createQueryClient();
    client.mount(); // as QueryClientProvider does: subscribes to the online manager
    let calls = 0;
    const observer = new QueryObserver(client, {
      queryKey: ['page'],
      queryFn: () => (++calls === 3 ? Promise.resolve('loaded') : failedToFetch()),
      retryDelay: 0,
    });
    const unsubscribe = observer.subscribe(() => {});
    await expect.poll(() => observer.getCurrentResult().status).toBe('error');
    expect(observer.getCurrentResult().fetchStatus).toBe('idle'); // not 'paused'
    expect(calls).toBe(2); // the first attempt and its one retry
    onlineManager.setOnline(true);
    await expect.poll(() => observer.getCurrentResult().data).toBe('loaded');
    unsubscribe();
    client.unmount();
  });

  it('reads the session again when a request is refused as unauthorised, and only then', async () => {
    const client = createQueryClient();
    let sessionReads = 0;
    const session = new QueryObserver(client, {
      // The key tRPC gives `account.me`, of which SESSION_QUERY_KEY is the prefix.
      queryKey: [['account', 'me'], { type: 'query' }],
      queryFn: () => ++sessionReads,
      staleTime: Number.POSITIVE_INFINITY,
    });
    const unsubscribe = session.subscribe(() => {});
    await expect.poll(() => sessionReads).toBe(1);
    const refused = (code: string) => () =>
      Promise.reject(
        TRPCClientError.from({ error: { message: 'Sign in first', code: -32001, data: { code } } }),
      );

    const forbidden = new MutationObserver(client, { mutationFn: refused('FORBIDDEN') });
    await expect(forbidden.mutate()).rejects.toThrow();
    expect(sessionReads).toBe(1);

    const save = new MutationObserver(client, { mutationFn: refused('UNAUTHORIZED') });
    await expect(save.mutate()).rejects.toThrow('Sign in first');
    await expect.poll(() => sessionReads).toBe(2);
    await client
      .fetchQuery({ queryKey: ['page'], queryFn: refused('UNAUTHORIZED'), retry: false })
      .catch(() => {});
    await expect.poll(() => sessionReads).toBe(3);
    expect(SESSION_QUERY_KEY).toEqual([['account', 'me']]);
    unsubscribe();
  });
});
