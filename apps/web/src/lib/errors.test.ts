import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import {
  isNetworkError,
  isServerFault,
  isTimeout,
  messageOf,
  notSubmittedMessage,
  OFFLINE_MESSAGE,
  SERVER_FAULT_MESSAGE,
  staleDataMessage,
  TIMEOUT_MESSAGE,
} from './errors.ts';

/** An error as the tRPC client builds it from the server's JSON answer. */
function answered(code: string, httpStatus: number, message: string) {
  return TRPCClientError.from({ error: { message, code: -32603, data: { code, httpStatus } } });
}

describe('messageOf', () => {
  it('replaces an unexpected server error with a plain message', () => {
    const error = answered('INTERNAL_SERVER_ERROR', 500, 'Cannot read properties of undefined');
    expect(isServerFault(error)).toBe(true);
    expect(messageOf(error)).toBe(SERVER_FAULT_MESSAGE);
  });

  it('treats an answer that is not the API’s (a proxy error page) as a server fault', () => {
    const error = TRPCClientError.from(new SyntaxError('Unexpected token \'<\', "<html>" is not valid JSON'));
    expect(isNetworkError(error)).toBe(false);
    expect(messageOf(error)).toBe(SERVER_FAULT_MESSAGE);
  });

  it('keeps the words of an expected error, which name the thing', () => {
    const error = answered('NOT_FOUND', 404, "No submission with id 'x'");
    expect(isServerFault(error)).toBe(false);
    expect(messageOf(error)).toBe("No submission with id 'x'");
  });

  it("says a refused input by its issues' messages, never as the JSON tRPC writes them in", () => {
    const issues = [
      { code: 'too_big', maximum: 100, path: ['minScore'], message: 'Use a score from 0 to 100' },
    ];
    const error = TRPCClientError.from({
      error: {
        message: JSON.stringify(issues, null, 2),
        code: -32600,
        data: {
          code: 'BAD_REQUEST',
          httpStatus: 400,
          zodError: {
            formErrors: [],
            fieldErrors: { minScore: ['Use a score from 0 to 100'], limit: ['Too big'] },
          },
        },
      },
    });
    expect(messageOf(error)).toBe('Use a score from 0 to 100 Too big');
  });

  it('says offline when the request never reached the server', () => {
    const error = TRPCClientError.from(new TypeError('Failed to fetch'));
    expect(isNetworkError(error)).toBe(true);
    expect(isServerFault(error)).toBe(false);
    expect(messageOf(error)).toBe(OFFLINE_MESSAGE);
  });
});

describe('notSubmittedMessage', () => {
  const unreachable = TRPCClientError.from(new TypeError('Failed to fetch'));

  it('says offline, that the draft is saved, and to submit again when back online', () => {
    const text = notSubmittedMessage(unreachable, { isSaveFailure: false, isOnline: false });
    expect(text).toMatch(/^You are offline — your draft is saved on this device/);
    expect(text).toMatch(/Submit again when you're back online/);
  });

  it('tells an unreachable server from being offline', () => {
    const text = notSubmittedMessage(unreachable, { isSaveFailure: true, isOnline: true });
    expect(text).toMatch(/^The server cannot be reached — your draft is saved on this device/);
  });

  it('says a failed save stopped the submit, without the raw exception', () => {
    const error = answered('INTERNAL_SERVER_ERROR', 500, 'SQLITE_BUSY: database is locked');
    const text = notSubmittedMessage(error, { isSaveFailure: true, isOnline: true });
    expect(text).toMatch(/while saving your latest changes, so the draft was not submitted/);
    expect(text).not.toContain('SQLITE_BUSY');
  });

  it('keeps the words of an expected submit error, with the form-level messages', () => {
    const error = TRPCClientError.from({
      error: {
        message: 'The manifest is incomplete',
        code: -32600,
        data: {
          code: 'BAD_REQUEST',
          httpStatus: 400,
          zodError: { formErrors: ['Add a file'], fieldErrors: {} },
        },
      },
    });
    expect(notSubmittedMessage(error, { isSaveFailure: false, isOnline: true })).toBe(
      'The manifest is incomplete Add a file',
    );
  });
});

describe('staleDataMessage', () => {
  const at = new Date(2026, 0, 2, 14, 5, 9).getTime();

  it('names the reason and the time of the data on screen', () => {
    const text = staleDataMessage(TRPCClientError.from(new TypeError('Failed to fetch')), at);
    expect(text).toBe(
      `The server cannot be reached. What you see is from ${new Date(at).toLocaleTimeString()} and may be out of date.`,
    );
  });

  it('hides a server fault’s own text', () => {
    const text = staleDataMessage(answered('INTERNAL_SERVER_ERROR', 500, 'connection terminated'), at);
    expect(text).toMatch(/^The server ran into an unexpected problem\. What you see is from/);
    expect(text).not.toContain('connection terminated');
  });
});

describe('a request that timed out', () => {
  // What the client's fetch rejects with when AbortSignal.timeout fires (trpc.ts).
  const timedOut = () =>
    TRPCClientError.from(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));

  it('is neither offline nor a server fault, and says the server is slow to answer', () => {
    expect(isTimeout(timedOut())).toBe(true);
    expect(isNetworkError(timedOut())).toBe(false);
    expect(isServerFault(timedOut())).toBe(false);
    expect(messageOf(timedOut())).toBe(TIMEOUT_MESSAGE);
  });

  it('tells a submit to try again (its idempotency key makes that safe), and marks data on screen stale', () => {
    expect(notSubmittedMessage(timedOut(), { isSaveFailure: false, isOnline: true })).toMatch(
      /took too long to answer.*draft is saved on this device.*Submit again/,
    );
    expect(staleDataMessage(timedOut(), 0)).toMatch(/^The server is not answering\. What you see is from/);
  });
});
