import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SignInPage } from './SignInPage.tsx';

function renderPage() {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MantineProvider>
        <SignInPage />
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

    fireEvent.click(screen.getByRole('radio', { name: 'Sign in' }));
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByLabelText('Name')).toBeNull();
    expect(password().getAttribute('autocomplete')).toBe('current-password');
  });
});
