import { MantineProvider } from '@mantine/core';
import { cleanup, render, screen } from '@testing-library/react';
import { TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueryError } from './QueryError.tsx';

/** An error as the tRPC client builds it from the server's JSON answer. */
function answered(code: string, httpStatus: number, message: string) {
  return TRPCClientError.from({ error: { message, code: -32603, data: { code, httpStatus } } });
}

function show(error: unknown) {
  const onRetry = vi.fn();
  render(
    <MantineProvider>
      <QueryError error={error} onRetry={onRetry} />
    </MantineProvider>,
  );
  return screen.getByRole('alert');
}

afterEach(cleanup);

describe('QueryError', () => {
  it('says a refusal is one, in the server’s words, without a retry that would get the same answer', () => {
    const alert = show(
      answered('CONFLICT', 409, 'This exact data file was already accepted for this request'),
    );
    expect(alert.textContent).toBe('Not doneThis exact data file was already accepted for this request');
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('names each kind of refusal', () => {
    expect(show(answered('FORBIDDEN', 403, 'Reviewers only')).textContent).toMatch(/^Not allowed/);
    cleanup();
    expect(show(answered('NOT_FOUND', 404, "No submission with id 'x'")).textContent).toMatch(/^Not found/);
    cleanup();
    expect(show(answered('BAD_REQUEST', 400, 'Enter a reason')).textContent).toMatch(
      /^Check what you entered/,
    );
  });

  it('offers a retry for a fault on the server’s side, whose own text it does not show', () => {
    const alert = show(answered('INTERNAL_SERVER_ERROR', 500, 'SQLITE_BUSY: database is locked'));
    expect(alert.textContent).toMatch(/^Something went wrong.*unexpected problem/);
    expect(alert.textContent).not.toContain('SQLITE_BUSY');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('offers a retry when the server is too slow, or too busy', () => {
    expect(show(answered('TOO_MANY_REQUESTS', 429, 'Wait and resend')).textContent).toMatch(
      /^Something went wrong/,
    );
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});
