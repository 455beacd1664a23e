import {
  ACCOUNT_NAME_MAX_LENGTH,
  type AcceptInvitationInput,
  AccountNameSchema,
  type InvitationView,
  PasswordSchema,
} from '@assay/schema';
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';

/** What accepting sends, without the token (the page adds it). */
export type InvitationAnswer = Omit<AcceptInvitationInput, 'token'>;

const DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long' });

/**
 * An invitation as its link's holder sees it: who invites which address, and the fields accepting
 * needs. A new address chooses a name and a password; an existing reviewer signs in with their current
 * password (the page signs in first, where sign-in is rate limited, then accepts), or, signed in already,
 * just joins; a used or expired invitation, or an address with another kind of account, says what to do
 * instead.
 */
export function InvitationForm({
  view,
  isPending,
  errors,
  error,
  onAccept,
  isSignedIn = false,
}: {
  view: InvitationView;
  /** Signed in as the invited address: an existing reviewer joins without a password. */
  isSignedIn?: boolean;
  isPending: boolean;
  /** Field errors from the server, by field. */
  errors: Partial<Record<'name' | 'password', string[]>>;
  /** An error that belongs to no field. */
  error: string | null;
  onAccept: (answer: InvitationAnswer) => void;
}) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const isNewAccount = view.account === 'none';
  const heading = (
    <>
      <Title order={2}>Join {view.organisationName}</Title>
      <Text size="sm" c="dimmed">
        You were invited to review data for {view.organisationName} as{' '}
        <Text span fw={600} c="var(--mantine-color-text)">
          {view.email}
        </Text>
        .
      </Text>
    </>
  );

  if (view.status !== 'open' || view.account === 'other') {
    return (
      <Stack>
        {heading}
        {view.status === 'used' && (
          <Alert color="blue" title="This invitation has been used">
            It was accepted already.{' '}
            <Anchor component={Link} to="/?sign-in" inherit>
              Sign in
            </Anchor>{' '}
            with {view.email}.
          </Alert>
        )}
        {view.status === 'expired' && (
          <Alert color="red" title="This invitation has expired">
            It expired on {DATE.format(new Date(view.expiresAt))}. Ask whoever invited you for a new one.
          </Alert>
        )}
        {view.status === 'open' && (
          <Alert color="red" title="This address cannot become a reviewer">
            {view.email} already has an account of another kind, and an account keeps its role. Ask for an
            invitation to another address.
          </Alert>
        )}
      </Stack>
    );
  }

  if (isSignedIn) {
    return (
      <Stack
        component="form"
        onSubmit={(event: React.FormEvent) => {
          event.preventDefault();
          onAccept({});
        }}
      >
        {heading}
        <Text size="sm">
          You already have a reviewer account: joining adds {view.organisationName} to it.
        </Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Button type="submit" loading={isPending} style={{ alignSelf: 'start' }}>
          Join {view.organisationName}
        </Button>
      </Stack>
    );
  }

  const isValid =
    PasswordSchema.safeParse(password).success &&
    (!isNewAccount || AccountNameSchema.safeParse(name).success);
  return (
    <Stack
      component="form"
      onSubmit={(event: React.FormEvent) => {
        event.preventDefault();
        if (isValid) onAccept(isNewAccount ? { name, password } : { password });
      }}
    >
      {heading}
      {/* The address is the account's username: password managers save the password under it. */}
      <TextInput label="Email" value={view.email} readOnly variant="filled" autoComplete="username" />
      {isNewAccount && (
        <TextInput
          label="Your name"
          description={`At most ${ACCOUNT_NAME_MAX_LENGTH} characters`}
          maxLength={ACCOUNT_NAME_MAX_LENGTH}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name?.[0]}
          autoComplete="name"
          required
        />
      )}
      <PasswordInput
        label={isNewAccount ? 'Choose a password' : 'Your current password'}
        description={
          isNewAccount
            ? 'At least 8 characters'
            : `You already have a reviewer account: signing in adds ${view.organisationName} to it`
        }
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
        error={errors.password?.[0]}
        autoComplete={isNewAccount ? 'new-password' : 'current-password'}
        required
      />
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Button type="submit" loading={isPending} disabled={!isValid}>
        {isNewAccount ? 'Accept and sign in' : 'Sign in and join'}
      </Button>
    </Stack>
  );
}
