import { randomBytes } from 'node:crypto';
import { ACCOUNT_NAME_MAX_LENGTH, ACCOUNT_NAME_TOO_LONG_MESSAGE } from '@assay/schema';
import { betterAuth } from 'better-auth';
import { APIError } from 'better-auth/api';
import type { Kysely } from 'kysely';
import { isUserSuspended } from './admin/repository.ts';
import { ACCOUNT_SUSPENDED_MESSAGE } from './admin/suspension.ts';
import type { Dialect } from './db/connect.ts';
import type { Database } from './db/database.ts';

export type Role = 'contributor' | 'reviewer' | 'operator';

/** A short random name shown to reviewers instead of a contributor's name or email. */
export function newPseudonym(): string {
  return `contributor-${randomBytes(4).toString('hex')}`;
}

export interface AuthConfig {
  db: Kysely<Database>;
  dialect: Dialect;
  secret: string;
  baseURL: string;
  /**
   * Origins whose sign-in and sign-up requests are taken besides `baseURL`'s (better-auth refuses any
   * other with "Invalid origin").
   */
  extraOrigins?: string[];
  /** Sign-in attempts allowed per client per minute. */
  signInPerMinute: number;
}

/**
 * Refuses a name over {@link ACCOUNT_NAME_MAX_LENGTH} characters (400, code NAME_TOO_LONG). Run on every
 * write of a user, so sign-up, better-auth's own /update-user, invitations and the CLI all keep to it.
 */
function checkAccountName(user: { name?: unknown }): void {
  if (typeof user.name === 'string' && user.name.trim().length > ACCOUNT_NAME_MAX_LENGTH) {
    throw new APIError('BAD_REQUEST', { message: ACCOUNT_NAME_TOO_LONG_MESSAGE, code: 'NAME_TOO_LONG' });
  }
}

/**
 * Accounts, sessions, password hashing and sign-in rate limiting, from better-auth on the same Kysely
 * database. Self sign-up always makes a contributor; other roles are granted by invitation or the CLI.
 * A suspended account gets no session, however it signs in (403, code ACCOUNT_SUSPENDED). A name is at
 * most {@link ACCOUNT_NAME_MAX_LENGTH} characters (400, code NAME_TOO_LONG).
 */
export function createAuth(config: AuthConfig) {
  return betterAuth({
    database: { db: config.db, type: config.dialect },
    secret: config.secret,
    baseURL: config.baseURL,
    basePath: '/api/auth',
    emailAndPassword: { enabled: true, minPasswordLength: 8, autoSignIn: true },
    user: {
      additionalFields: {
        role: { type: 'string', required: true, input: false, defaultValue: 'contributor' },
        pseudonym: { type: 'string', required: true, input: false, defaultValue: () => newPseudonym() },
      },
    },
    databaseHooks: {
      user: {
        create: { before: async (user) => checkAccountName(user) },
        update: { before: async (user) => checkAccountName(user) },
      },
      session: {
        create: {
          before: async (session) => {
            if (await isUserSuspended(config.db, session.userId)) {
              throw new APIError('FORBIDDEN', {
                message: ACCOUNT_SUSPENDED_MESSAGE,
                code: 'ACCOUNT_SUSPENDED',
              });
            }
          },
        },
      },
    },
    rateLimit: {
      enabled: true,
      storage: 'memory',
      window: 60,
      max: 300,
      customRules: {
        '/sign-in/email': { window: 60, max: config.signInPerMinute },
        '/sign-up/email': { window: 60, max: config.signInPerMinute },
      },
    },
    advanced: {
      database: { generateId: () => crypto.randomUUID() },
      // better-auth skips its origin check when NODE_ENV is test; Assay's tests run it as production does.
      disableOriginCheck: false,
    },
    trustedOrigins: [config.baseURL, ...(config.extraOrigins ?? [])],
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;
