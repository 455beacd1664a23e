import type { IncomingHttpHeaders } from 'node:http';
import { fromNodeHeaders } from 'better-auth/node';
import { isUserSuspended } from '../admin/repository.ts';
import type { Role } from '../auth.ts';
import type { Services } from '../services.ts';
import type { SessionUser } from '../trpc.ts';

/**
 * The signed-in user behind a request's session cookie, or null. A suspended account is null even with a
 * session: suspending deletes its sessions, but one a sign-in created while the suspension was committed
 * would otherwise outlive it.
 */
export async function readSessionUser(
  services: Services,
  headers: IncomingHttpHeaders,
): Promise<SessionUser | null> {
  const session = await services.auth.api.getSession({ headers: fromNodeHeaders(headers) });
  if (!session) return null;
  const user = session.user as typeof session.user & { role: Role; pseudonym: string };
  if (await isUserSuspended(services.db, user.id)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, pseudonym: user.pseudonym };
}
