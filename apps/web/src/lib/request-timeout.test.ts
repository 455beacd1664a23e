// @vitest-environment node
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNetworkError, isServerFault, isTimeout, messageOf, TIMEOUT_MESSAGE } from './errors.ts';
import { createApiClient } from './trpc.ts';

// A server that takes the connection and the request, and never answers: the client must give up after its
// timeout with an error the page can name, instead of waiting for ever.
describe('a request the server never answers', () => {
  let server: Server;
  let url = '';
  const held: { destroy: () => void }[] = [];

  beforeAll(async () => {
    server = createServer((request) => {
      held.push(request.socket);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/trpc`;
  });
  afterAll(async () => {
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('fails after the timeout, as a timeout rather than offline or a server fault', async () => {
    const client = createApiClient({ url, timeoutMs: 300 });
    const started = performance.now();
    const error = await client.health.get.query().then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(held.length).toBeGreaterThan(0);
    expect(isTimeout(error)).toBe(true);
    expect(isNetworkError(error)).toBe(false);
    expect(isServerFault(error)).toBe(false);
    expect(messageOf(error)).toBe(TIMEOUT_MESSAGE);
  });
});
