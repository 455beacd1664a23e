import { createAuthClient } from 'better-auth/react';

/** Sign-up, sign-in and sign-out against the server's better-auth routes (/api/auth). */
export const authClient = createAuthClient({ basePath: '/api/auth' });
