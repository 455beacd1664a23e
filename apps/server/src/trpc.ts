import { initTRPC, TRPCError } from '@trpc/server';
import { ZodRealError, z } from 'zod';
import type { Role } from './auth.ts';
import { AppError, toTRPCError } from './errors.ts';
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
 * Text with a NUL character is refused, with the field that holds it: PostgreSQL cannot store one (its
 * driver's 500 named the encoding), SQLite can, so the same input did two things. Nobody types one.
 */
const refuseNulCharacters = t.middleware(async ({ getRawInput, next }) => {
  const path = pathOfNul(await getRawInput().catch(() => undefined), []);
  if (path) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'Text must not contain NUL characters (U+0000)',
      // ZodRealError, as parsing throws: a plain ZodError is no Error, and tRPC would not keep it.
      cause: new ZodRealError([
        {
          code: 'custom',
          path,
          message: 'Remove the NUL character (U+0000) from this text',
          input: undefined,
        },
      ]),
    });
  }
  return next();
});

function pathOfNul(value: unknown, path: (string | number)[]): (string | number)[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = pathOfNul(item, [...path, index]);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) return [...path, key];
      const found = pathOfNul(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(refuseNulCharacters).use(mapDomainErrors);

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
