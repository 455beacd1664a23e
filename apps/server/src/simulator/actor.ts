import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '../routers/app.ts';

export type ApiClient = ReturnType<typeof createApiClient>;

function createApiClient(url: string, cookie: () => string) {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${url}/api/trpc`, headers: () => ({ cookie: cookie() }), maxItems: 20 })],
  });
}

/** The tRPC error code of an error, or null. */
export function trpcCode(error: unknown): string | null {
  return error instanceof TRPCClientError
    ? ((error.data as { code?: string } | undefined)?.code ?? null)
    : null;
}

/**
 * One simulated person talking to the real API over HTTP: better-auth's email sign-up and sign-in, the tRPC
 * client with the session cookie, and raw file uploads. A session that expired (simulated days pass) is
 * renewed by signing in again; sign-in rate limits are waited out.
 */
export class Actor {
  readonly client: ApiClient;
  private cookie = '';
  userId = '';

  constructor(
    readonly url: string,
    readonly email: string,
    readonly password: string,
    readonly name: string,
    /** The Origin header better-auth expects (the server's public address). */
    readonly origin: string = url,
  ) {
    this.client = createApiClient(url, () => this.cookie);
  }

  signUp(): Promise<void> {
    return this.authenticate('sign-up/email', {
      email: this.email,
      password: this.password,
      name: this.name,
    });
  }

  signIn(): Promise<void> {
    return this.authenticate('sign-in/email', { email: this.email, password: this.password });
  }

  /** Runs an API call, signing in again once if the session has expired. */
  async call<T>(run: (client: ApiClient) => Promise<T>): Promise<T> {
    try {
      return await run(this.client);
    } catch (error) {
      if (trpcCode(error) !== 'UNAUTHORIZED') throw error;
      await this.signIn();
      return run(this.client);
    }
  }

  /** `PUT /api/files/versions/:versionId` with the file as the raw body. */
  async upload(versionId: string, body: string, fileName = 'data.csv'): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await fetch(`${this.url}/api/files/versions/${versionId}`, {
        method: 'PUT',
        headers: {
          cookie: this.cookie,
          'x-file-name': encodeURIComponent(fileName),
          'content-type': 'text/csv',
        },
        body,
      });
      if (response.ok) return;
      if (response.status === 401 && attempt === 0) {
        await this.signIn();
        continue;
      }
      throw new Error(`upload of ${versionId} failed: ${response.status} ${await response.text()}`);
    }
  }

  private async authenticate(path: string, body: Record<string, string>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${this.url}/api/auth/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: this.origin },
        body: JSON.stringify(body),
      });
      if (response.status === 429 && attempt < 30) {
        const wait = Number(
          response.headers.get('x-retry-after') ?? response.headers.get('retry-after') ?? 5,
        );
        await new Promise((resolve) => setTimeout(resolve, Math.max(1, wait) * 1000));
        continue;
      }
      if (!response.ok)
        throw new Error(`${path} for ${body.email} failed: ${response.status} ${await response.text()}`);
      this.cookie = response.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const json = (await response.json()) as { user: { id: string } };
      this.userId = json.user.id;
      return;
    }
  }
}
