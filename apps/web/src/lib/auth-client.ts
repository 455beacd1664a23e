async function create() {
  const { createAuthClient } = await import('better-auth/react');
  return createAuthClient({ basePath: '/api/auth' });
}

let client: ReturnType<typeof create> | null = null;

/**
 * Sign-up, sign-in and sign-out against the server's better-auth routes (/api/auth). The client loads on
 * first use, so a signed-in contributor's first page does not carry it.
 */
export function getAuthClient() {
  client ??= create();
  return client;
}
