import { randomBytes } from 'node:crypto';
import { ACCOUNT_NAME_MAX_LENGTH, ACCOUNT_NAME_TOO_LONG_MESSAGE } from '@assay/schema';
import { type BetterAuthOptions, betterAuth } from 'better-auth';
import { APIError } from 'better-auth/api';
import type { Kysely } from 'kysely';
import { isUserSuspended } from './admin/repository.ts';
import { ACCOUNT_SUSPENDED_MESSAGE } from './admin/suspension.ts';
import type { Dialect } from './db/connect.ts';
import type { Database } from './db/database.ts';
import { errorFields, type Logger } from './logger.ts';

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
   * Whether the app runs on this machine with no public address: sign-in and sign-up are then also taken
   * from the loopback names (localhost, 127.0.0.1, [::1]) on the port the request came to, which is
   * `baseURL`'s unless the port was picked at start (0). Otherwise only `baseURL`'s origin is (better-auth
   * refuses any other with "Invalid origin").
   */
  trustsLoopback?: boolean;
  /** Sign-in attempts allowed per client per minute. */
  signInPerMinute: number;
  /** Where better-auth's own log lines go. */
  logger: Logger;
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
    trustedOrigins: config.trustsLoopback
      ? (request) => [config.baseURL, ...loopbackOriginsOf(request)]
      : [config.baseURL],
    telemetry: { enabled: false },
    logger: authLogger(config.logger),
  });
}

/**
 * better-auth's log lines as ours: JSON lines at their own level (its "success" it calls info), marked
 * `component: better-auth`. It printed them in colour on stdout and stderr, between the JSON lines, where a
 * log collector read them as text. Its threshold stays its default, warn: its info lines name the address
 * of each sign-up for an existing account, and with a level set to warn, error or debug it logs every
 * refused request (a wrong password) once more, as an error. Our LOG_LEVEL filters after it.
 */
function authLogger(logger: Logger): NonNullable<BetterAuthOptions['logger']> {
  return {
    disabled: logger.level === 'silent',
    log: (level, message, ...args) => logger[level]({ component: 'better-auth', ...fieldsOf(args) }, message),
  };
}

/**
 * What better-auth passed besides its message: an error as its message, code and stack (a driver's error
 * may carry its connection, parameters and all), anything else as it is.
 */
function fieldsOf(args: unknown[]): Record<string, unknown> {
  const error = args.find((arg) => arg instanceof Error);
  const details = args.filter((arg) => !(arg instanceof Error));
  return {
    ...(error ? { err: errorFields(error) } : {}),
    ...(details.length > 0 ? { details: details.length === 1 ? details[0] : details } : {}),
  };
}

export type Auth = ReturnType<typeof createAuth>;

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The loopback origins on the port a request came to, when it came to a loopback name (its Host, which a
 * browser sets and a page cannot); none for any other host, so a page elsewhere, or one rebinding its own
 * name to 127.0.0.1, is still refused.
 */
export function loopbackOriginsOf(request: Request | undefined): string[] {
  const host = request?.headers.get('host');
  if (!host) return [];
  let url: URL;
  try {
    url = new URL(`http://${host}`);
  } catch {
    return [];
  }
  if (!LOOPBACK_NAMES.includes(url.hostname)) return [];
  const port = url.port ? `:${url.port}` : '';
  return LOOPBACK_NAMES.map((name) => `http://${name}${port}`);
}
