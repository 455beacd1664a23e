import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { ZodError, ZodRealError } from 'zod';

/** What went wrong, in domain terms. Domain code throws these; {@link toTRPCError} maps them in one place. */
export type AppErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'invalid_state'
  | 'invalid_input'
  | 'payload_too_large'
  | 'insufficient_budget'
  | 'unauthenticated';

/** A typed domain error whose message names the thing concerned. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** A ZodError here reaches the client flattened, field by field. */
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const TRPC_CODES: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  not_found: 'NOT_FOUND',
  forbidden: 'FORBIDDEN',
  conflict: 'CONFLICT',
  invalid_state: 'CONFLICT',
  invalid_input: 'BAD_REQUEST',
  payload_too_large: 'PAYLOAD_TOO_LARGE',
  insufficient_budget: 'PRECONDITION_FAILED',
  unauthenticated: 'UNAUTHORIZED',
};

/** HTTP status per code, for the plain HTTP routes (uploads, downloads). */
export const HTTP_STATUS: Record<AppErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  invalid_state: 409,
  invalid_input: 400,
  payload_too_large: 413,
  insufficient_budget: 412,
  unauthenticated: 401,
};

export function toTRPCError(error: AppError): TRPCError {
  const cause = error.cause instanceof ZodError ? error.cause : error;
  return new TRPCError({ code: TRPC_CODES[error.code], message: error.message, cause });
}

/**
 * Bad input the schema alone cannot see (a deadline passed, a reward over the budget as stored), named at
 * its field: the client gets it among the flattened zod issues, beside the input, as the schema's own.
 */
export function fieldError(field: string, message: string): AppError {
  return new AppError('invalid_input', message, {
    // ZodRealError, as parsing throws: a plain ZodError is no Error, and tRPC would not keep it as the cause.
    cause: new ZodRealError([{ code: 'custom', path: [field], message, input: undefined }]),
  });
}

export const notFound = (what: string, id: string) => new AppError('not_found', `No ${what} with id '${id}'`);
