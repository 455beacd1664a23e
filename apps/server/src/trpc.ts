import { initTRPC, TRPCError } from '@trpc/server';
import { ZodRealError, z } from 'zod';
import type { Role } from './auth.ts';
import { AppError, notFound, toTRPCError } from './errors.ts';
import type { Services } from './services.ts';

/** The signed-in person, as procedures see them. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  pseudonym: string;
}

export interface Context {
  services: Services;
  user: SessionUser | null;
}

// Stack traces and faults' own messages go to the browser only when asked for: tRPC's default sends
// them unless NODE_ENV is production, and `npm start` sets none.
const isDev = process.env.NODE_ENV === 'development';

export const INTERNAL_ERROR_MESSAGE =
  'The server failed to do this (the fault is logged); try again in a moment';

const t = initTRPC.context<Context>().create({
  isDev,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      // A fault's own words (a driver's "invalid byte sequence for encoding", a TypeError) name the
      // server's insides and help no user: they go to the log, and the answer says what to do.
      ...(error.code === 'INTERNAL_SERVER_ERROR' && !isDev ? { message: INTERNAL_ERROR_MESSAGE } : {}),
      data: {
        ...shape.data,
        // Field-level messages so the web app can show each beside its input.
        zodError: cause instanceof z.ZodError ? z.flattenError(cause) : null,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Domain errors become tRPC errors here, once, for every procedure. */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    throw toTRPCError(result.error.cause);
  }
  return result;
});

/**
 * A read that names a malformed id (a URL cut short or mistyped: `/review/versions/not-a-uuid`) asks for
 * something that does not exist, as a well-formed unknown id does, and is answered alike: NOT_FOUND
 * naming the thing, not zod's "Invalid UUID" as bad input. Only reads: a mutation sent a malformed id is
 * still told its input is wrong, field by field.
 */
const answerMalformedIdsAsNotFound = t.middleware(async ({ type, path, getRawInput, next }) => {
  const result = await next();
  if (result.ok || type === 'mutation') return result;
  const { error } = result;
  if (error.code !== 'BAD_REQUEST' || !(error.cause instanceof z.ZodError)) return result;
  const issues = error.cause.issues;
  const idKeys = issues.map((issue) => {
    const key = issue.path.at(-1);
    const isMalformedId =
      issue.code === 'invalid_format' &&
      issue.format === 'uuid' &&
      typeof key === 'string' &&
      /(^id|Id)$/.test(key);
    return isMalformedId ? key : null;
  });
  const [first] = issues;
  if (!first || idKeys.some((key) => key === null)) return result;
  const input = await getRawInput().catch(() => undefined);
  const value = first.path.reduce<unknown>(
    (at, key) =>
      at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined,
    input,
  );
  // Quoted back cut short: the id came from an address bar, and may be anything up to the body's limit.
  const shown = String(value);
  throw toTRPCError(
    notFound(nounOfId(idKeys[0]!, path), shown.length > 80 ? `${shown.slice(0, 80)}…` : shown),
  );
});

/** What an id names, for the not-found message: `versionId` a version; `id` what its router is about. */
const ID_NOUNS: Record<string, string> = {
  versionId: 'submission version',
  submissionId: 'submission',
  requestId: 'data request',
  organisationId: 'organisation',
  userId: 'user',
  invitationId: 'invitation',
};

function nounOfId(key: string, path: string): string {
  const named = key === 'id' ? `${path.split('.').at(-2) ?? ''}Id` : key;
  return ID_NOUNS[named] ?? named.replace(/Id$/, '');
}

/**
 * Characters refused in any text a client sends, each said at the field that holds it:
 * - NUL: PostgreSQL cannot store one (its driver's 500 named the encoding), SQLite can, so the same input
 *   did two things. Nobody types one.
 * - Text-direction controls (U+202A–U+202E, U+2066–U+2069): a request title holding U+202E turned the text
 *   after it around on the review page ("37 rows · CSV" read "VSC · swor 73"). Arabic and Hebrew need none.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const REFUSED_CHARACTER = /[\u0000\u202A-\u202E\u2066-\u2069]/;

const refuseControlCharacters = t.middleware(async ({ getRawInput, next }) => {
  const found = findRefusedCharacter(await getRawInput().catch(() => undefined), []);
  if (found) {
    const codePoint = `U+${found.character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    const what = found.character === '\u0000' ? 'NUL character' : 'text-direction control character';
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `Text must not contain a ${what} (${codePoint})`,
      // ZodRealError, as parsing throws: a plain ZodError is no Error, and tRPC would not keep it.
      cause: new ZodRealError([
        {
          code: 'custom',
          path: found.path,
          message: `Remove the ${what} (${codePoint}) from this text`,
          input: undefined,
        },
      ]),
    });
  }
  return next();
});

function findRefusedCharacter(
  value: unknown,
  path: (string | number)[],
): { path: (string | number)[]; character: string } | null {
  if (typeof value === 'string') {
    const match = REFUSED_CHARACTER.exec(value);
    return match ? { path, character: match[0] } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findRefusedCharacter(item, [...path, index]);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findRefusedCharacter(key, [...path, key]) ?? findRefusedCharacter(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure
  .use(refuseControlCharacters)
  .use(answerMalformedIdsAsNotFound)
  .use(mapDomainErrors);

/** Any signed-in user. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

function roleProcedure(roles: readonly Role[]) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.user.role)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `This needs the ${roles.join(' or ')} role` });
    }
    return next({ ctx });
  });
}

/** Contributors: their own drafts, submissions and earnings. */
export const contributorProcedure = roleProcedure(['contributor']);
/** Reviewers: their organisations' requests and queues. */
export const reviewerProcedure = roleProcedure(['reviewer']);
/** Operators: everything, aggregated first. */
export const operatorProcedure = roleProcedure(['operator']);
/** Reviewers or operators (organisation management). */
export const staffProcedure = roleProcedure(['reviewer', 'operator']);
