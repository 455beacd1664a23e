import { ACCOUNT_NAME_MAX_LENGTH } from '@assay/schema/account';
import { Alert, Button, Card, PasswordInput, SegmentedControl, Stack, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { getAuthClient } from '../lib/auth-client.ts';

/** Set once this browser has signed in or up: it then opens on "Sign in", not on "Sign up". */
export const RETURNING_KEY = 'assay.returning';

/**
 * "Sign in" for someone who has signed in on this browser before, or who was sent here to sign in
 * (`/?sign-in`, e.g. from a used invitation link); "Sign up" for everyone else.
 */
function initialMode(): 'sign-in' | 'sign-up' {
  try {
    if (new URLSearchParams(window.location.search).has('sign-in')) return 'sign-in';
    return window.localStorage.getItem(RETURNING_KEY) === '1' ? 'sign-in' : 'sign-up';
  } catch {
    // Storage can be switched off: then everyone starts on "Sign up", as before.
    return 'sign-up';
  }
}

/** Sign in, or sign up as a contributor. */
export function SignInPage() {
  const queryClient = useQueryClient();
  const [searchParams, setSearchParams] = useSearchParams();
  const [mode, setMode] = useState<'sign-in' | 'sign-up'>(initialMode);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<{ message: string; title?: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await submitToAuth();
    } catch {
      setError({ message: 'Could not reach the server; check your connection and try again' });
    } finally {
      setBusy(false);
    }
  }

  async function submitToAuth() {
    const authClient = await getAuthClient();
    const result =
      mode === 'sign-up'
        ? await authClient.signUp.email({ email, password, name: nameToSignUpWith(name, email) })
        : await authClient.signIn.email({ email, password });
    if (result.error) {
      // The server's words: a wrong password, a taken address, or why a suspended account cannot sign in.
      setError({
        message: result.error.message ?? 'Something went wrong; try again',
        ...(result.error.code === 'ACCOUNT_SUSPENDED' ? { title: 'Account suspended' } : {}),
      });
      return;
    }
    rememberReturning();
    // `?sign-in` has done its work: signed in, the address is the page's own. Replaced, so that Back does
    // not open the sign-in again.
    if (searchParams.has('sign-in')) {
      setSearchParams(
        (params) => {
          params.delete('sign-in');
          return params;
        },
        { replace: true },
      );
    }
    await queryClient.invalidateQueries();
  }

  return (
    <Card withBorder maw={420} mx="auto" mt="xl" component="form" onSubmit={submit}>
      <Stack>
        <Title order={2}>{mode === 'sign-up' ? 'Create a contributor account' : 'Sign in'}</Title>
        <SegmentedControl
          value={mode}
          onChange={(value) => setMode(value as typeof mode)}
          data={[
            { label: 'Sign up', value: 'sign-up' },
            { label: 'Sign in', value: 'sign-in' },
          ]}
        />
        {mode === 'sign-up' && (
          <TextInput
            label="Name"
            description={`At most ${ACCOUNT_NAME_MAX_LENGTH} characters`}
            autoComplete="name"
            maxLength={ACCOUNT_NAME_MAX_LENGTH}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
        )}
        {/* The autocomplete names let password managers fill a sign-in and offer to save a sign-up. */}
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
        />
        <PasswordInput
          label="Password"
          // The rule for a new password; signing in, it would only suggest the old one might be wrong.
          description={mode === 'sign-up' ? 'At least 8 characters' : undefined}
          autoComplete={mode === 'sign-up' ? 'new-password' : 'current-password'}
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        {error && (
          <Alert color="red" role="alert" title={error.title}>
            {error.message}
          </Alert>
        )}
        <Button type="submit" loading={busy}>
          {mode === 'sign-up' ? 'Sign up' : 'Sign in'}
        </Button>
      </Stack>
    </Card>
  );
}

/**
 * The name an account signs up with: the one typed, or else the address's part before the "@", cut to
 * the longest name the server takes.
 */
export function nameToSignUpWith(name: string, email: string): string {
  return (name.trim() || email.split('@')[0] || email).slice(0, ACCOUNT_NAME_MAX_LENGTH);
}

/** Marks this browser as one that has signed in, so the sign-in page opens on "Sign in" next time. */
export function rememberReturning() {
  try {
    window.localStorage.setItem(RETURNING_KEY, '1');
  } catch {}
}
