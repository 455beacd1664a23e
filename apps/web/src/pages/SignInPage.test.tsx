import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { BrowserRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RETURNING_KEY, SignInPage } from './SignInPage.tsx';

const auth = vi.hoisted(() => ({ signIn: vi.fn(), signUp: vi.fn() }));
vi.mock('../lib/auth-client.ts', () => ({
  getAuthClient: async () => ({ signIn: { email: auth.signIn }, signUp: { email: auth.signUp } }),
}));

function renderPage() {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MantineProvider>
        <BrowserRouter>
          <SignInPage />
        </BrowserRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

describe('SignInPage', () => {
  // Password managers fill and save by these names; without them a returning user types the password.
  it('names its fields for password managers: a new password to sign up, the current one to sign in', () => {
    renderPage();
    const password = () => screen.getByLabelText(/^Password/, { selector: 'input' });
    expect(screen.getByLabelText(/^Email/, { selector: 'input' }).getAttribute('autocomplete')).toBe(
      'username',
    );
    expect(screen.getByLabelText('Name').getAttribute('autocomplete')).toBe('name');
    expect(password().getAttribute('autocomplete')).toBe('new-password');
    // The rule for a new password shows where one is made, not where an old one is typed.
    expect(screen.queryByText('At least 8 characters')).not.toBeNull();

    fireEvent.click(screen.getByRole('radio', { name: 'Sign in' }));
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByLabelText('Name')).toBeNull();
    expect(password().getAttribute('autocomplete')).toBe('current-password');
    expect(screen.queryByText('At least 8 characters')).toBeNull();
  });

  describe('which form it opens on', () => {
    afterEach(() => {
      cleanup();
      window.localStorage.clear();
      window.history.replaceState(null, '', '/');
    });
    const title = () => screen.getByRole('heading').textContent;

    it('"Sign up" for a browser that has never signed in', () => {
      renderPage();
      expect(title()).toBe('Create a contributor account');
    });

    it('"Sign in" for a browser that has signed in before', () => {
      window.localStorage.setItem(RETURNING_KEY, '1');
      renderPage();
      expect(title()).toBe('Sign in');
      expect(screen.getByLabelText(/^Password/, { selector: 'input' }).getAttribute('autocomplete')).toBe(
        'current-password',
      );
    });

    it('"Sign in" when sent to sign in (/?sign-in), as a used invitation link does', () => {
      window.history.replaceState(null, '', '/?sign-in');
      renderPage();
      expect(title()).toBe('Sign in');
    });
  });

  it("shows the server's message when a suspended account signs in, titled as such", async () => {
    const message =
      'This account is suspended, so it cannot sign in. If you think this is a mistake, contact the Assay operators.';
    auth.signIn.mockResolvedValueOnce({
      data: null,
      error: { status: 403, code: 'ACCOUNT_SUSPENDED', message },
    });
    window.history.replaceState(null, '', '/?sign-in');
    renderPage();
    fireEvent.change(screen.getByLabelText(/^Email/, { selector: 'input' }), {
      target: { value: 'bob@example.com' },
    });
    fireEvent.change(screen.getByLabelText(/^Password/, { selector: 'input' }), {
      target: { value: 'correct horse battery' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Account suspended');
    expect(alert.textContent).toContain(message);
    expect(auth.signIn).toHaveBeenCalledWith({ email: 'bob@example.com', password: 'correct horse battery' });
    cleanup();
    window.history.replaceState(null, '', '/');
  });
});
