import { Alert, Button, Card, Loader, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { QueryError } from '../components/QueryError.tsx';
import { getAuthClient } from '../lib/auth-client.ts';
import { errorCodeOf, fieldErrorsOf, messageOf } from '../lib/errors.ts';
import { useTRPC } from '../lib/trpc.ts';
import { InvitationForm } from './InvitationForm.tsx';
import { rememberReturning } from './SignInPage.tsx';

/** The server's answer about the link itself (no such invitation, not a token), not a fault to retry. */
function isAnswer(error: unknown): boolean {
  const code = errorCodeOf(error);
  return code === 'NOT_FOUND' || code === 'BAD_REQUEST';
}

/**
 * Accepting an invitation to an organisation as a reviewer, then signing in. A reviewer who has an account
 * already (joining another organisation) accepts signed in as it: signed out, the page signs them in
 * first, through better-auth's rate-limited sign-in, as the server checks no password for them. Someone
 * signed in with another address is told to sign out first.
 */
export function InvitePage({ signedInAs = null }: { signedInAs?: { email: string } | null }) {
  const { token = '' } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // An unknown or malformed token is an answer, not a failure to retry.
  const invitation = useQuery(trpc.account.invitation.queryOptions({ token }, { retry: false }));
  const [signInError, setSignInError] = useState<string | null>(null);
  const [isSigningIn, setIsSigningIn] = useState(false);
  const accept = useMutation(
    trpc.account.acceptInvitation.mutationOptions({
      onSuccess: async (result, input) => {
        // Joined with an account already signed in: read again, the invitation is used and the page
        // welcomes them to the organisation (it had gone straight to the queue, saying nothing of it).
        if (signedInAs !== null || input.password === undefined) {
          rememberReturning();
          await queryClient.invalidateQueries();
          return;
        }
        const signedIn = await (await getAuthClient()).signIn.email({
          email: result.email,
          password: input.password,
        });
        if (signedIn.error) {
          setSignInError(signedIn.error.message ?? 'Could not sign in');
          return;
        }
        rememberReturning();
        await queryClient.invalidateQueries();
      },
    }),
  );
  // An existing reviewer, signed out: the password goes to the sign-in, which is rate limited, and the
  // invitation is accepted in the session it opens.
  async function signInThenAccept(email: string, password: string) {
    setIsSigningIn(true);
    const signedIn = await (await getAuthClient()).signIn
      .email({ email, password })
      .finally(() => setIsSigningIn(false));
    if (signedIn.error) {
      setSignInError(signedIn.error.message ?? 'Could not sign in');
      return;
    }
    accept.mutate({ token });
  }
  const isForAnotherAddress =
    signedInAs !== null && invitation.data !== undefined && signedInAs.email !== invitation.data.email;
  // Signed in as its address once it is used: the invitation was just accepted (the sign-in re-renders this
  // page), or is opened again later. Either way they are in: "has been used, sign in" read as a failure.
  const hasJoined = signedInAs !== null && !isForAnotherAddress && invitation.data?.status === 'used';
  const errors = fieldErrorsOf(accept.error);
  const hasFieldErrors = errors.name !== undefined || errors.password !== undefined;
  return (
    <Card withBorder maw={440} mx="auto" mt="xl">
      {invitation.isPending && <Loader aria-label="Loading the invitation" />}
      {invitation.error &&
        (isAnswer(invitation.error) ? (
          <Alert color="red" title="This invitation link does not work">
            {fieldErrorsOf(invitation.error).token?.[0] ?? messageOf(invitation.error)}
          </Alert>
        ) : (
          <QueryError error={invitation.error} onRetry={() => void invitation.refetch()} />
        ))}
      {invitation.data && isForAnotherAddress && (
        <Alert color="orange" title={`This invitation is for ${invitation.data.email}`}>
          You are signed in as {signedInAs?.email}. Sign out, then open this link again to accept it.
        </Alert>
      )}
      {invitation.data && hasJoined && (
        <Stack data-testid="invitation-joined">
          <Title order={2}>Welcome to {invitation.data.organisationName}</Title>
          <Text size="sm">
            You are a reviewer of {invitation.data.organisationName}, signed in as {invitation.data.email}:
            post its data requests and decide on what contributors send.
          </Text>
          <Button component={Link} to="/review" style={{ alignSelf: 'start' }}>
            Open the review queue
          </Button>
        </Stack>
      )}
      {invitation.data && !isForAnotherAddress && !hasJoined && (
        <InvitationForm
          view={invitation.data}
          isPending={accept.isPending || isSigningIn}
          errors={errors}
          error={signInError ?? (accept.error && !hasFieldErrors ? messageOf(accept.error) : null)}
          isSignedIn={signedInAs !== null}
          onAccept={(answer) => {
            setSignInError(null);
            if (invitation.data?.account === 'reviewer' && signedInAs === null && answer.password) {
              void signInThenAccept(invitation.data.email, answer.password);
              return;
            }
            accept.mutate({ token, ...answer });
          }}
        />
      )}
    </Card>
  );
}
