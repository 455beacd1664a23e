import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { isNetworkError, isServerFault, messageOf, OFFLINE_MESSAGE, SERVER_FAULT_MESSAGE } from './errors.ts';

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

  it('says offline when the request never reached the server', () => {
    const error = TRPCClientError.from(new TypeError('Failed to fetch'));
    expect(isNetworkError(error)).toBe(true);
    expect(isServerFault(error)).toBe(false);
    expect(messageOf(error)).toBe(OFFLINE_MESSAGE);
  });
});
