import { TRPCClientError } from '@trpc/client';

/** Field messages keyed by field name, from the server's flattened zod error (`error.data.zodError`). */
export type FieldErrors = Record<string, string[] | undefined>;

interface ErrorData {
  code?: string;
  httpStatus?: number;
  zodError?: { formErrors: string[]; fieldErrors: FieldErrors } | null;
}

function dataOf(error: unknown): ErrorData | undefined {
  if (error instanceof TRPCClientError) return (error.data ?? undefined) as ErrorData | undefined;
  return undefined;
}

/** The server's per-field validation messages, or an empty object. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  return dataOf(error)?.zodError?.fieldErrors ?? {};
}

/** The server's form-level validation messages, or none. */
export function formErrorsOf(error: unknown): string[] {
  return dataOf(error)?.zodError?.formErrors ?? [];
}

/** The tRPC error code (e.g. `CONFLICT`, `UNAUTHORIZED`), if the server answered. */
export function errorCodeOf(error: unknown): string | undefined {
  return dataOf(error)?.code;
}

/** True when the server took the request but gave no answer within the client's timeout (trpc.ts). */
export function isTimeout(error: unknown): boolean {
  const cause = error instanceof TRPCClientError ? error.cause : error;
  return cause instanceof Error && cause.name === 'TimeoutError';
}

/**
 * True when the request never reached the server (offline, DNS, connection reset): the draft is kept
 * locally and retried, and the interface says so rather than showing a server error.
 */
export function isNetworkError(error: unknown): boolean {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return true;
  if (error instanceof TRPCClientError) {
    return !error.data && (error.cause instanceof TypeError || /fetch|network/i.test(error.message));
  }
  return error instanceof TypeError && /fetch|network/i.test(error.message);
}

/**
 * True for a fault on the server's side that the person cannot fix by changing their input: an
 * `INTERNAL_SERVER_ERROR`, any HTTP 5xx, or an answer that is not the API's (a proxy's error page).
 */
export function isServerFault(error: unknown): boolean {
  if (!(error instanceof TRPCClientError) || isNetworkError(error) || isTimeout(error)) return false;
  const data = dataOf(error);
  if (!data) return true;
  return data.code === 'INTERNAL_SERVER_ERROR' || (data.httpStatus ?? 0) >= 500;
}

/**
 * True when the server understood the request and said no for a reason it names (a conflict, a
 * permission, a missing thing, bad input): sending the same again gets the same answer, so the person
 * needs to do something else, not retry.
 */
export function isRefusal(error: unknown): boolean {
  const code = dataOf(error)?.code;
  return code !== undefined && REFUSALS.has(code);
}

const REFUSALS = new Set(['BAD_REQUEST', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'PRECONDITION_FAILED']);

export const OFFLINE_MESSAGE = 'You appear to be offline. Your work is kept on this device.';
export const TIMEOUT_MESSAGE =
  'The server is taking too long to answer. Nothing you typed is lost; try again in a moment.';
export const SERVER_FAULT_MESSAGE =
  'The server ran into an unexpected problem. Nothing you typed is lost; try again in a moment.';

/**
 * A message a person can act on. A server fault's own text (an exception message) means nothing to
 * them, so it is replaced; expected errors (not found, forbidden, validation) keep the server's words,
 * which name the thing.
 */
export function messageOf(error: unknown): string {
  if (isNetworkError(error)) return OFFLINE_MESSAGE;
  if (isTimeout(error)) return TIMEOUT_MESSAGE;
  if (isServerFault(error)) return SERVER_FAULT_MESSAGE;
  // An input the server's schema refused: tRPC's message is then the issues as JSON, written for
  // developers. The issues' own messages say what is wrong, field by field. (A domain error that carries
  // field messages keeps its own words.)
  const zodError = dataOf(error)?.zodError;
  if (zodError && error instanceof Error && error.message.trimStart().startsWith('[')) {
    const messages = [...zodError.formErrors, ...Object.values(zodError.fieldErrors).flatMap((m) => m ?? [])];
    if (messages.length > 0) return [...new Set(messages)].join(' ');
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}

/**
 * Why a submit did not happen, for the wizard's "Not submitted" alert. `isSaveFailure`: the draft's last
 * changes could not be saved first, so nothing was sent for scoring. `isOnline`: the browser's own
 * belief now, which tells "you are offline" from "the server cannot be reached".
 */
export function notSubmittedMessage(
  error: unknown,
  { isSaveFailure, isOnline }: { isSaveFailure: boolean; isOnline: boolean },
): string {
  if (isNetworkError(error)) {
    return isOnline
      ? 'The server cannot be reached — your draft is saved on this device. Submit again when the connection is back.'
      : "You are offline — your draft is saved on this device. Submit again when you're back online.";
  }
  if (isTimeout(error)) {
    // A submit carries an idempotency key, so sending it again cannot submit twice.
    return 'The server took too long to answer, so the submit may not have gone through — your draft is saved on this device. Submit again in a moment.';
  }
  if (isSaveFailure) {
    if (errorCodeOf(error) === 'CONFLICT')
      return 'This draft changed in another tab, so it was not submitted. Your version is kept on this device; reload to see the newest.';
    const reason = isServerFault(error)
      ? 'The server ran into an unexpected problem while saving your latest changes'
      : `Your latest changes could not be saved (${messageOf(error)})`;
    return `${reason}, so the draft was not submitted. Nothing you typed is lost; try again in a moment.`;
  }
  return [messageOf(error), ...formErrorsOf(error)].join(' ');
}

/**
 * What a page says when a refetch failed and it still shows older data: the reason, and that the data
 * is from `updatedAt` and may be out of date.
 */
export function staleDataMessage(error: unknown, updatedAt: number): string {
  const reason = isNetworkError(error)
    ? typeof navigator !== 'undefined' && navigator.onLine === false
      ? 'You are offline.'
      : 'The server cannot be reached.'
    : isTimeout(error)
      ? 'The server is not answering.'
      : isServerFault(error)
        ? 'The server ran into an unexpected problem.'
        : messageOf(error).replace(/\.?$/, '.');
  return `${reason} What you see is from ${new Date(updatedAt).toLocaleTimeString()} and may be out of date.`;
}
