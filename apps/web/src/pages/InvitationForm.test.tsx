import type { InvitationView } from '@assay/schema';
import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { theme } from '../theme.ts';
import { type InvitationAnswer, InvitationForm } from './InvitationForm.tsx';

const OPEN: InvitationView = {
  organisationName: 'Acme Data',
  email: 'rita@acme.example',
  role: 'reviewer',
  expiresAt: '2026-12-08T10:00:00.000Z',
  status: 'open',
  account: 'none',
};

function renderForm(
  view: InvitationView,
  errors: Partial<Record<'name' | 'password', string[]>> = {},
  isSignedIn = false,
) {
  const onAccept = vi.fn<(answer: InvitationAnswer) => void>();
  render(
    <MemoryRouter>
      <MantineProvider theme={theme}>
        <InvitationForm
          view={view}
          isPending={false}
          errors={errors}
          error={null}
          onAccept={onAccept}
          isSignedIn={isSignedIn}
        />
      </MantineProvider>
    </MemoryRouter>,
  );
  return onAccept;
}

const field = (label: RegExp) => screen.getByLabelText(label, { selector: 'input' }) as HTMLInputElement;
const type = (label: RegExp, value: string) => fireEvent.change(field(label), { target: { value } });
const accept = () => screen.getByRole('button', { name: 'Accept and sign in' }) as HTMLButtonElement;

describe('InvitationForm', () => {
  it('a new address chooses a name and a new password, saved under the invited email', () => {
    const onAccept = renderForm(OPEN);
    expect(screen.getByRole('heading', { name: 'Join Acme Data' })).toBeTruthy();
    expect(field(/^Email/).value).toBe('rita@acme.example');
    expect(field(/^Email/).readOnly).toBe(true);
    expect(field(/^Email/).getAttribute('autocomplete')).toBe('username');
    expect(field(/^Your name/).getAttribute('autocomplete')).toBe('name');
    expect(field(/^Choose a password/).getAttribute('autocomplete')).toBe('new-password');
    expect(accept().disabled).toBe(true);
    type(/^Choose a password/, 'long enough password');
    expect(accept().disabled).toBe(true);
    type(/^Your name/, 'Rita Reviewer');
    fireEvent.click(accept());
    expect(onAccept).toHaveBeenCalledWith({ name: 'Rita Reviewer', password: 'long enough password' });
  });

  it('an existing reviewer, signed out, gives only their current password, to sign in with', () => {
    const onAccept = renderForm({ ...OPEN, account: 'reviewer' });
    expect(screen.queryByLabelText(/^Your name/)).toBeNull();
    expect(field(/^Your current password/).getAttribute('autocomplete')).toBe('current-password');
    type(/^Your current password/, 'my old password');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in and join' }));
    expect(onAccept).toHaveBeenCalledWith({ password: 'my old password' });
  });

  it('an existing reviewer signed in as the address joins with no password', () => {
    const onAccept = renderForm({ ...OPEN, account: 'reviewer' }, {}, true);
    expect(screen.queryByLabelText(/password/i)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Join Acme Data' }));
    expect(onAccept).toHaveBeenCalledWith({});
  });

  it("shows the server's field errors beside their fields", () => {
    renderForm(OPEN, { name: ['Enter your name'], password: ['Use a password of at least 8 characters'] });
    expect(screen.getByText('Enter your name')).toBeTruthy();
    expect(screen.getByText('Use a password of at least 8 characters')).toBeTruthy();
  });

  it('a used, expired or unusable invitation says what to do instead, with no form', () => {
    const cases: [Partial<InvitationView>, RegExp][] = [
      [{ status: 'used', account: 'reviewer' }, /accepted already\. Sign in with rita@acme\.example/],
      [{ status: 'expired' }, /expired on 8 December 2026\. Ask whoever invited you for a new one/],
      [
        { account: 'other' },
        /already has an account of another kind.*Ask for an invitation to another address/,
      ],
    ];
    for (const [change, message] of cases) {
      renderForm({ ...OPEN, ...change });
      expect(screen.getByRole('heading', { name: 'Join Acme Data' })).toBeTruthy();
      // What the page says on opening is read in its place, not announced as an alert.
      expect(screen.queryByRole('alert')).toBeNull();
      expect(screen.getByRole('note').textContent).toMatch(message);
      expect(screen.queryByRole('button', { name: 'Accept and sign in' })).toBeNull();
      expect(screen.queryByLabelText(/password/i)).toBeNull();
      if (change.status === 'used') expect(screen.getByRole('link', { name: 'Sign in' })).toBeTruthy();
      cleanup();
    }
  });
});
