import { randomBytes } from 'node:crypto';
import { isAPIError } from 'better-auth/api';
import { AppError } from '../errors.ts';
import { startNotificationsNow } from '../notifications/mark-read.ts';
import type { Services } from '../services.ts';
import { findUserByEmail, setUserRole } from './repository.ts';

/**
 * Creates an operator account. There is no default password: the caller passes one, or a random one is
 * generated and returned (the CLI prints it once). An existing account of that email is refused rather
 * than promoted, so running the command twice, or with a contributor's address, changes nothing.
 */
export async function createOperator(
  services: Pick<Services, 'db' | 'auth'>,
  input: { email: string; password?: string | undefined; name?: string | undefined },
): Promise<{ userId: string; email: string; generatedPassword: string | null }> {
  const email = input.email.trim().toLowerCase();
  const existing = await findUserByEmail(services.db, email);
  if (existing) {
    throw new AppError('conflict', `An account for ${email} already exists (role ${existing.role})`);
  }
  const generatedPassword = input.password ? null : randomBytes(18).toString('base64url');
  const password = input.password ?? generatedPassword!;
  let userId: string;
  try {
    const response = await services.auth.api.signUpEmail({
      body: { email, password, name: input.name ?? email.split('@')[0]! },
    });
    userId = response.user.id;
  } catch (error) {
    if (isAPIError(error)) throw new AppError('invalid_input', error.message);
    throw error;
  }
  await services.db.transaction().execute(async (trx) => {
    await setUserRole(trx, userId, 'operator', true);
    await startNotificationsNow(trx, userId);
    // better-auth signs a new account in; the CLI needs no session.
    await trx.deleteFrom('session').where('userId', '=', userId).execute();
  });
  return { userId, email, generatedPassword };
}
