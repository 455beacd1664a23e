import { MutationObserver, onlineManager, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { createQueryClient } from './query-client.ts';

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
});
