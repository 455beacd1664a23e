import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
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

const t = initTRPC.context<Context>().create({
  // Stack traces go to the browser only when asked for: tRPC's default sends them unless NODE_ENV is
  // production, and `npm start` sets none.
  isDev: process.env.NODE_ENV === 'development',
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
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

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(mapDomainErrors);

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
