import { sql } from 'kysely';
import type { Services } from '../services.ts';
import { VERSION } from '../version.ts';

/** How long the database has to answer `select 1` before the server calls itself unavailable. */
const DATABASE_TIMEOUT_MS = 2_000;

export type Health =
  | { status: 'ok'; version: string }
  | { status: 'unavailable'; version: string; reason: string };

/**
 * Whether this server can serve: it answers only if its database does. A fixed "ok" kept a load balancer
 * sending requests to a server whose every API call failed, or hung, while the database was away.
 */
export async function checkHealth(services: Pick<Services, 'db'>): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the database did not answer within ${DATABASE_TIMEOUT_MS / 1000} s`)),
      DATABASE_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([sql`select 1`.execute(services.db), timeout]);
    return { status: 'ok', version: VERSION };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'unavailable', version: VERSION, reason: `Database unreachable: ${message}` };
  } finally {
    clearTimeout(timer);
  }
}
