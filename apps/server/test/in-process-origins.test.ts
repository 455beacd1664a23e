import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InProcessServer, startInProcessServer } from '../src/simulator/in-process.ts';

// The demo set its public URL to localhost, and signing in at http://127.0.0.1 failed with "Invalid origin".
describe('an in-process server (the demo, the simulator)', () => {
  let app: InProcessServer;
  beforeAll(async () => {
    app = await startInProcessServer({});
  });
  afterAll(async () => {
    await app?.stop();
  });

  const signInFrom = (origin: string) =>
    fetch(`${app.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify(app.operator),
    }).then((response) => response.status);

  it('takes its operator from this machine by any loopback name, and no other origin', async () => {
    const { port } = new URL(app.url);
    expect(await signInFrom(`http://localhost:${port}`)).toBe(200);
    expect(await signInFrom(`http://127.0.0.1:${port}`)).toBe(200);
    expect(await signInFrom('http://evil.example')).toBe(403);
  });
});
