import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNAL_ERROR_MESSAGE, publicProcedure, router } from '../src/trpc.ts';
import { dialectsToRun } from './support/dialects.ts';
import {
  createOperator,
  createOrganisationWithReviewer,
  type OrganisationFixture,
  requestInput,
} from './support/fixtures.ts';
import { errorOf, fieldErrorsOf, startTestApp, type TestApp } from './support/test-server.ts';

const dialects = await dialectsToRun();

describe.each(dialects)('API input on %s', (dialect) => {
  let app: TestApp;
  let org: OrganisationFixture;
  beforeAll(async () => {
    app = await startTestApp(dialect);
    org = await createOrganisationWithReviewer(app, { operator: await createOperator(app) });
  });
  afterAll(() => app?.stop());

  // PostgreSQL cannot store a NUL character: its driver's 500 ("invalid byte sequence for encoding") was
  // the answer there, while SQLite stored it.
  it('refuses text with a NUL or a text-direction control character, naming the field; stores nothing', async () => {
    const title = 'Reviews\u0000 of shoes';
    expect(
      await fieldErrorsOf(
        org.reviewer.client.request.create.mutate({
          ...requestInput({ title }),
          organisationId: org.organisationId,
        }),
      ),
    ).toEqual({ title: ['Remove the NUL character (U+0000) from this text'] });
    // A title that turned the text after it around on the review page.
    expect(
      await fieldErrorsOf(
        org.reviewer.client.request.create.mutate({
          ...requestInput({ title: 'Shoes \u202Ereviews' }),
          organisationId: org.organisationId,
        }),
      ),
    ).toEqual({ title: ['Remove the text-direction control character (U+202E) from this text'] });
    const contributor = await app.signUp();
    const refused = await errorOf(
      contributor.client.submission.create.mutate({
        manifest: { columns: [{ name: 'text', description: 'nul\u0000' }] },
      }),
    );
    expect(refused).toEqual({
      code: 'BAD_REQUEST',
      message: 'Text must not contain a NUL character (U+0000)',
    });
    expect(await contributor.client.submission.list.query()).toEqual([]);
    const stored = await app.services.db.selectFrom('data_request').select('title').execute();
    expect(stored.map((row) => row.title)).not.toContain(title);
  });

  // A mistyped id in a URL (/review/versions/not-a-uuid) showed "Check what you entered / Invalid UUID",
  // while a well-formed unknown id showed "Not found": both are pages that do not exist.
  it('answers a read naming a malformed id as it answers an unknown id: not found, naming the thing', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const reviewer = org.reviewer.client;
    expect(await errorOf(reviewer.review.byId.query({ versionId: unknown }))).toEqual({
      code: 'NOT_FOUND',
      message: `No submission version with id '${unknown}'`,
    });
    expect(await errorOf(reviewer.review.byId.query({ versionId: 'not-a-uuid' }))).toEqual({
      code: 'NOT_FOUND',
      message: "No submission version with id 'not-a-uuid'",
    });
    // Quoted back cut short, whatever was typed.
    const long = 'x'.repeat(500);
    expect(await errorOf(reviewer.review.byId.query({ versionId: long }))).toEqual({
      code: 'NOT_FOUND',
      message: `No submission version with id '${'x'.repeat(80)}…'`,
    });
    expect(await errorOf(reviewer.request.byId.query({ id: 'abc' }))).toEqual({
      code: 'NOT_FOUND',
      message: "No data request with id 'abc'",
    });
    expect(await errorOf(reviewer.admin.member.list.query({ organisationId: 'org-1' }))).toEqual({
      code: 'NOT_FOUND',
      message: "No organisation with id 'org-1'",
    });
    const contributor = await app.signUp();
    expect(await errorOf(contributor.client.submission.byId.query({ id: '12345' }))).toEqual({
      code: 'NOT_FOUND',
      message: "No submission with id '12345'",
    });
  });

  it('still refuses a malformed id sent to a change as bad input, at its field', async () => {
    expect(await fieldErrorsOf(org.reviewer.client.request.close.mutate({ id: 'not-a-uuid' }))).toEqual({
      id: ['Invalid UUID'],
    });
    // A read whose other input is wrong too is bad input, as before.
    expect(
      await fieldErrorsOf(
        org.reviewer.client.review.findingRows.query({ versionId: 'not-a-uuid', finding: -1 }),
      ),
    ).toMatchObject({ versionId: ['Invalid UUID'] });
  });
});

// A fault's own message (a driver's, a TypeError's) named the server's insides to the browser.
describe('an unexpected fault', () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    const faulty = router({
      fails: publicProcedure.query(() => {
        throw new Error('relation "secret_table" does not exist');
      }),
    });
    server = http.createServer(
      createHTTPHandler({ router: faulty, createContext: () => ({ services: {} as never, user: null }) }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server?.close());

  it('answers 500 with what to do, not its own message', async () => {
    const response = await fetch(`${url}/fails`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('secret_table');
    expect(JSON.parse(text).error.message).toBe(INTERNAL_ERROR_MESSAGE);
  });
});
