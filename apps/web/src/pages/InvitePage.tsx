import { AcceptInvitationInputSchema } from '@assay/schema';
import { Alert, Button, Card, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { getAuthClient } from '../lib/auth-client.ts';
import { fieldErrorsOf, messageOf } from '../lib/errors.ts';
import { useTRPC } from '../lib/trpc.ts';

/** Accepting an invitation to an organisation as a reviewer, then signing in. */
export function InvitePage() {
  const { token = '' } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [signInError, setSignInError] = useState<string | null>(null);
  const accept = useMutation(
    trpc.account.acceptInvitation.mutationOptions({
      onSuccess: async (result) => {
        const signedIn = await (await getAuthClient()).signIn.email({ email: result.email, password });
        if (signedIn.error) setSignInError(signedIn.error.message ?? 'Could not sign in');
        else await queryClient.invalidateQueries();
      },
    }),
  );
  const parsed = AcceptInvitationInputSchema.safeParse({ token, name, password });
  const errors = fieldErrorsOf(accept.error);
  return (
    <Card
      withBorder
      maw={420}
      mx="auto"
      mt="xl"
      component="form"
      onSubmit={(event: React.FormEvent) => {
        event.preventDefault();
        if (parsed.success) accept.mutate(parsed.data);
      }}
    >
      <Stack>
        <Title order={2}>Accept your invitation</Title>
        <Text size="sm" c="dimmed">
          You were invited to review data for an organisation. Choose your name and a password (or enter your
          current password if you already have a reviewer account).
        </Text>
        <TextInput
          label="Your name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name?.[0]}
          required
        />
        <PasswordInput
          label="Password"
          description="At least 8 characters"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.password?.[0]}
          required
        />
        {errors.token && <Alert color="red">{errors.token[0]}</Alert>}
        {accept.error && Object.keys(errors).length === 0 && (
          <Alert color="red">{messageOf(accept.error)}</Alert>
        )}
        {signInError && <Alert color="red">{signInError}</Alert>}
        <Button type="submit" loading={accept.isPending} disabled={!parsed.success}>
          Accept and sign in
        </Button>
      </Stack>
    </Card>
  );
}
