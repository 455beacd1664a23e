import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { FINGERPRINT_MAJOR_VERSION, spreadRowNumbers } from '@assay/quality';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_CSV, GOOD_MANIFEST, UNDATED_CSV } from './support/datasets.ts';
import { dialectsToRun } from './support/dialects.ts';
import {
  createOperator,
  createOrganisationWithReviewer,
  createRequest,
  inviteAndSignIn,
  type OrganisationFixture,
} from './support/fixtures.ts';
import {
  codeOf,
  type SignedInClient,
  startTestApp,
  type TestApp,
  uploadFile,
  waitForState,
} from './support/test-server.ts';

const dialects = await dialectsToRun();

/** A contributor's version, submitted to the request and scored into the review queue. */
async function inReview(
  app: TestApp,
  contributor: SignedInClient,
  requestId: string,
  csv = GOOD_CSV,
  manifest = GOOD_MANIFEST,
) {
  const { submissionId, versionId } = await contributor.client.submission.create.mutate({
    requestId,
    manifest,
  });
  expect((await uploadFile(app.url, contributor.cookie, versionId, csv)).status).toBe(200);
  await contributor.client.submission.submit.mutate({ versionId, idempotencyKey: `k-${versionId}` });
  await waitForState(app, versionId, ['in_review']);
  return { submissionId, versionId };
}

let variants = 0;
/**
 * GOOD_CSV with one row of its own: a different file. A request never accepts the same file twice, so a
 * test accepting several submissions to one request gives each its own.
 */
const variantCsv = () =>
  `${GOOD_CSV.trim()}\n"Ticket variant ${++variants}: a refund request",low,2025-03-15\n`;

const reject = (versionId: string) => ({
  versionId,
  decision: 'reject' as const,
  reasonCodes: ['fit.not-requested' as const],
  comment: 'Not what this request asked for.',
  timeSpentMs: 1_000,
});

const accept = (versionId: string) => ({
  versionId,
  decision: 'accept' as const,
  reasonCodes: ['accept.meets-requirements' as const],
  comment: 'Clean, documented, what we asked for.',
  timeSpentMs: 42_000,
});

describe.each(dialects)('review and payouts on %s', (dialect) => {
  let app: TestApp;
  let org: OrganisationFixture;
  let otherOrg: OrganisationFixture;
  let contributor: SignedInClient;
  let requestId: string;
  beforeAll(async () => {
    app = await startTestApp(dialect);
    org = await createOrganisationWithReviewer(app);
    otherOrg = await createOrganisationWithReviewer(app, { operator: org.operator });
    contributor = await app.signUp();
    requestId = (
      await createRequest(org.reviewer, org.organisationId, { rewardCents: 1000, budgetCents: 2500 })
    ).id;
  });
  afterAll(() => app?.stop());

  it('tells a reviewer which organisations they belong to', async () => {
    const me = await org.reviewer.client.account.me.query();
    expect(me?.organisations).toEqual([
      { id: org.organisationId, name: org.organisationName, role: 'reviewer' },
    ]);
    expect((await contributor.client.account.me.query())?.organisations).toEqual([]);
    expect(await app.anonymous.account.me.query()).toBeNull();
  });

  it('queues a scored version for the request’s organisation only, contributor by pseudonym', async () => {
    const { versionId } = await inReview(app, contributor, requestId);
    const queue = await org.reviewer.client.review.queue.query({ sort: 'score', order: 'desc', limit: 200 });
    const item = queue.items.find((q) => q.versionId === versionId);
    expect(item).toMatchObject({
      request: { id: requestId, minQualityScore: 0 },
      contributor: expect.stringMatching(/^contributor-/),
      scores: {
        overall: expect.any(Number),
        structure: expect.any(Number),
        context: expect.any(Number),
        provenance: expect.any(Number),
      },
    });
    expect(JSON.stringify(queue)).not.toContain(contributor.email);
    expect(
      (await otherOrg.reviewer.client.review.queue.query({ limit: 200 })).items.map((q) => q.versionId),
    ).not.toContain(versionId);
  });

  it('shows the report, manifest and a bounded sample of rows; other organisations get NOT_FOUND', async () => {
    const { versionId } = await inReview(app, contributor, requestId);
    const item = await org.reviewer.client.review.byId.query({ versionId });
    expect(item.report?.scores.overall).toBeGreaterThan(0);
    expect(item.manifest.title).toBe(GOOD_MANIFEST.title);
    expect(item.sample?.columns).toEqual(['text', 'urgency', 'created']);
    expect(item.sample?.rows.length).toBe(25);
    expect(JSON.stringify(item)).not.toContain(contributor.email);
    expect(await codeOf(otherOrg.reviewer.client.review.byId.query({ versionId }))).toBe('NOT_FOUND');
    expect(await codeOf(contributor.client.review.byId.query({ versionId }))).toBe('FORBIDDEN');
  });

  it('samples rows spread over the whole file, with their row numbers: a file sorted by label shows both', async () => {
    // 100 "low" tickets, then 100 "high": the first 25 rows would all be "low".
    const sorted = [
      'text,urgency,created',
      ...Array.from({ length: 200 }, (_, i) =>
        [
          `"Ticket ${i}: ${i < 100 ? 'a question' : 'the server is down'}"`,
          i < 100 ? 'low' : 'high',
          '2025-03-02',
        ].join(','),
      ),
      '',
    ].join('\n');
    const { versionId } = await inReview(app, contributor, requestId, sorted);
    // The job picks them just after storing the score of record.
    const storedSample = async () =>
      (
        await app.services.db
          .selectFrom('submission_version')
          .select('sample_rows')
          .where('id', '=', versionId)
          .executeTakeFirstOrThrow()
      ).sample_rows;
    await expect.poll(storedSample, { timeout: 10_000 }).not.toBeNull();
    const { sample } = await org.reviewer.client.review.byId.query({ versionId });
    expect(sample?.numbers).toEqual(spreadRowNumbers(200, 25));
    expect(sample?.numbers[0]).toBe(1);
    expect(sample?.numbers.at(-1)).toBeGreaterThan(190);
    // Each row is the file's row of that number (row n is ticket n - 1).
    for (const [index, row] of sample!.rows.entries()) {
      expect(row[0]).toMatch(new RegExp(`^Ticket ${sample!.numbers[index]! - 1}: `));
    }
    expect(new Set(sample?.rows.map((row) => row[1]))).toEqual(new Set(['low', 'high']));
    // Picked when scored, and kept: the review page does not read the file again.
    expect(JSON.parse((await storedSample())!)).toEqual(sample);
  });

  it('reads a CSV with semicolons in its columns, for the sample and for the rows a finding cites (scorer 2.6.0)', async () => {
    // As Excel writes CSV where the comma is the decimal separator; row 7's date is not one.
    const lines = GOOD_CSV.trim().split('\n');
    lines[7] = lines[7]!.replace(/2025-\d\d-\d\d$/, 'bald');
    const { versionId } = await inReview(
      app,
      contributor,
      requestId,
      lines.join('\r\n').replaceAll(',', ';'),
    );
    const { report, sample } = await org.reviewer.client.review.byId.query({ versionId });
    const codes = report!.findings.map((f) => f.code);
    expect(codes).toContain('structure.semicolon-separated');
    expect(codes).not.toContain('structure.wrong-delimiter');
    expect(sample?.columns).toEqual(['text', 'urgency', 'created']);
    expect(sample?.delimiter).toBe(';');
    expect(sample?.rows[0]).toEqual(lines[1]!.replaceAll('"', '').split(','));
    const notDates = codes.indexOf('structure.type-mismatch');
    const cited = await org.reviewer.client.review.findingRows.query({ versionId, finding: notDates });
    expect(cited.numbers).toEqual([7]);
    expect(cited.rows[0]?.[2]).toBe('bald');
    // Accepted, its Croissant metadata says how to read it (Croissant 1.0 has no property for a separator).
    await org.reviewer.client.review.decide.mutate(accept(versionId));
    const meta = await fetch(`${app.url}/api/files/versions/${versionId}/croissant.json`, {
      headers: { cookie: org.reviewer.cookie },
    });
    const croissant = (await meta.json()) as { distribution: { description?: string }[] };
    expect(croissant.distribution[0]?.description).toMatch(/^Values are separated by semicolons \(;\)/);
  });

  it('reads the rows a finding cites, and no others; a reviewer reads them, and the sample, with personal data masked', async () => {
    // Rows 5, 12 and 30 have no date, row 20 an e-mail address.
    const { versionId } = await inReview(app, contributor, requestId, UNDATED_CSV);
    const { report } = await org.reviewer.client.review.byId.query({ versionId });
    const findings = report!.findings;
    const notDates = findings.findIndex((f) => f.code === 'structure.type-mismatch');
    const personal = findings.findIndex((f) => f.code.startsWith('structure.personal-data'));
    expect(notDates).toBeGreaterThanOrEqual(0);
    expect(personal).toBeGreaterThanOrEqual(0);

    const cited = await org.reviewer.client.review.findingRows.query({ versionId, finding: notDates });
    expect(cited.numbers).toEqual([5, 12, 30]);
    expect(cited.column).toBe('created');
    expect(cited.columns).toEqual(['text', 'urgency', 'created']);
    expect(cited.rows.map((row) => row[0])).toEqual([
      'Ticket 5 about the invoice',
      'Ticket 12 about the invoice',
      'Ticket 30 about the invoice',
    ]);
    expect(new Set(cited.rows.map((row) => row[2]))).toEqual(new Set(['soon']));

    // Personal data: where it is, not what it is; in the sample too. Nobody else reads any rows, and there is
    // no finding past the last.
    const masked = await org.reviewer.client.review.findingRows.query({ versionId, finding: personal });
    expect(masked.numbers).toEqual([20]);
    expect(masked.rows[0]![0]).toBe('Write to [email] about it');
    const { sample } = await org.reviewer.client.review.byId.query({ versionId });
    expect(sample?.rows.map((row) => row[0])).toContain('Write to [email] about it');
    expect(JSON.stringify(sample)).not.toContain('jane.doe@example.com');
    expect(
      await codeOf(otherOrg.reviewer.client.review.findingRows.query({ versionId, finding: notDates })),
    ).toBe('NOT_FOUND');
    expect(await codeOf(contributor.client.review.findingRows.query({ versionId, finding: notDates }))).toBe(
      'FORBIDDEN',
    );
    expect(
      await codeOf(org.reviewer.client.review.findingRows.query({ versionId, finding: findings.length })),
    ).toBe('NOT_FOUND');
    expect(await codeOf(org.reviewer.client.review.findingRows.query({ versionId, finding: -1 }))).toBe(
      'BAD_REQUEST',
    );

    // The contributor reads the rows of their own file that the report of record cites, personal data too
    // (it is theirs, and those rows are what they fix); another contributor reads none.
    const own = await contributor.client.submission.version.findingRows.query({
      versionId,
      finding: notDates,
    });
    expect(own).toEqual(cited);
    const theirs = await contributor.client.submission.version.findingRows.query({
      versionId,
      finding: personal,
    });
    expect(theirs.numbers).toEqual([20]);
    expect(theirs.rows[0]![0]).toBe('Write to jane.doe@example.com about it');
    const stranger = await app.signUp();
    expect(
      await codeOf(stranger.client.submission.version.findingRows.query({ versionId, finding: notDates })),
    ).toBe('NOT_FOUND');
  });

  it('shows a JSON line it cannot read as the line as written, masked for a reviewer', async () => {
    const lines = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({
        text: `Ticket ${i + 1} about the invoice`,
        urgency: i % 2 ? 'low' : 'high',
        created: '2025-03-02',
      }),
    );
    lines[6] = '{"text": "Call me on jane.doe@example.com", "urgency": "low"';
    const { versionId } = await contributor.client.submission.create.mutate({
      requestId,
      manifest: GOOD_MANIFEST,
    });
    const upload = await uploadFile(app.url, contributor.cookie, versionId, `${lines.join('\n')}\n`, {
      'x-file-name': 'tickets.jsonl',
    });
    expect(upload.status).toBe(200);
    await contributor.client.submission.submit.mutate({ versionId, idempotencyKey: `k-${versionId}` });
    await waitForState(app, versionId, ['in_review']);
    const { report } = await org.reviewer.client.review.byId.query({ versionId });
    const invalid = report!.findings.findIndex((f) => f.code === 'structure.invalid-json');
    expect(invalid).toBeGreaterThanOrEqual(0);

    const cited = await org.reviewer.client.review.findingRows.query({ versionId, finding: invalid });
    expect(cited.numbers).toEqual([7]);
    expect(cited.rows).toEqual([[]]);
    expect(cited.unreadable).toEqual([
      { index: 0, problem: 'invalid-json', text: '{"text": "Call me on [email]", "urgency": "low"' },
    ]);
    const own = await contributor.client.submission.version.findingRows.query({
      versionId,
      finding: invalid,
    });
    expect(own.unreadable?.[0]?.text).toBe(lines[6]);
  });

  it('shows a repeated row beside the earlier row it repeats, masked for a reviewer', async () => {
    const lines = ['text,urgency,created'];
    for (let i = 1; i <= 30; i++)
      lines.push(`Ticket ${i} about the invoice,${i % 2 ? 'high' : 'low'},2025-03-02`);
    lines[12] = 'Write to jane.doe@example.com about it,low,2025-03-02'; // row 12
    lines.push('Ticket 3 about the invoice,high,2025-03-02'); // row 31 repeats 3
    lines.push('WRITE TO jane.doe@example.com ABOUT IT!,low,2025-03-02'); // row 32 is like 12
    lines.push('Ticket 5 about the invoice,low,2025-03-02'); // row 33: 5's input, another label
    const { versionId } = await contributor.client.submission.create.mutate({
      requestId,
      manifest: GOOD_MANIFEST,
    });
    expect((await uploadFile(app.url, contributor.cookie, versionId, `${lines.join('\n')}\n`)).status).toBe(
      200,
    );
    await contributor.client.submission.submit.mutate({ versionId, idempotencyKey: `k-${versionId}` });
    await waitForState(app, versionId, ['in_review']);
    const { report } = await org.reviewer.client.review.byId.query({ versionId });
    const indexOf = (code: string) => report!.findings.findIndex((f) => f.code === code);
    const rowsOf = (code: string) =>
      org.reviewer.client.review.findingRows.query({ versionId, finding: indexOf(code) });

    const duplicates = await rowsOf('structure.duplicate-rows');
    expect(duplicates.repeats).toEqual([{ row: 31, earlier: 3 }]);
    expect(duplicates.numbers).toEqual([3, 31]);
    expect(duplicates.rows.map((row) => row[0])).toEqual([
      'Ticket 3 about the invoice',
      'Ticket 3 about the invoice',
    ]);
    const near = await rowsOf('structure.near-duplicate-rows');
    expect(near.repeats).toEqual([{ row: 32, earlier: 12 }]);
    expect(near.rows.map((row) => row[0])).toEqual([
      'Write to [email] about it',
      'WRITE TO [email] ABOUT IT!',
    ]);
    const conflicting = await rowsOf('structure.conflicting-labels');
    expect(conflicting.repeats).toEqual([{ row: 33, earlier: 5 }]);
    expect(conflicting.rows.map((row) => row[1])).toEqual(['high', 'low']);
    // The contributor sees the same pairs, of their own rows as they are.
    const own = await contributor.client.submission.version.findingRows.query({
      versionId,
      finding: indexOf('structure.near-duplicate-rows'),
    });
    expect(own.repeats).toEqual(near.repeats);
    expect(own.rows[0]![0]).toBe('Write to jane.doe@example.com about it');
  });

  it('names the signer of the attestation by pseudonym, as the contributor everywhere else', async () => {
    const signer = await app.signUp();
    // The wizard signs with the account's name, or its e-mail when it has none.
    const manifest = {
      ...GOOD_MANIFEST,
      provenance: {
        ...GOOD_MANIFEST.provenance,
        attestation: { ...GOOD_MANIFEST.provenance!.attestation, signedBy: signer.email },
      },
    };
    const { versionId } = await signer.client.submission.create.mutate({ requestId, manifest });
    expect((await uploadFile(app.url, signer.cookie, versionId, GOOD_CSV)).status).toBe(200);
    await signer.client.submission.submit.mutate({ versionId, idempotencyKey: `k-${versionId}` });
    await waitForState(app, versionId, ['in_review']);

    const item = await org.reviewer.client.review.byId.query({ versionId });
    expect(item.contributor).toMatch(/^contributor-/);
    expect(item.manifest.provenance?.attestation).toEqual({
      ...GOOD_MANIFEST.provenance!.attestation,
      signedBy: item.contributor,
    });
    expect(JSON.stringify(item)).not.toContain(signer.email);
    // The contributor's own copy keeps the name they signed with.
    const own = await signer.client.submission.byId.query({ id: item.submissionId });
    expect(own.versions.at(-1)?.manifest.provenance?.attestation?.signedBy).toBe(signer.email);
  });

  it('shows a follow-up version what its previous version was asked, and whether the data file changed', async () => {
    const { submissionId, versionId: first } = await inReview(app, contributor, requestId);
    const askForChanges = (versionId: string, comment: string) =>
      org.reviewer.client.review.decide.mutate({
        versionId,
        decision: 'request_changes',
        reasonCodes: ['context.missing-datasheet', 'structure.duplicates'],
        comment,
        timeSpentMs: 1_000,
      });
    const followUp = async (csv?: string) => {
      const { versionId } = await contributor.client.submission.version.create.mutate({ submissionId });
      if (csv) expect((await uploadFile(app.url, contributor.cookie, versionId, csv)).status).toBe(200);
      await contributor.client.submission.submit.mutate({ versionId, idempotencyKey: `k-${versionId}` });
      await waitForState(app, versionId, ['in_review']);
      return versionId;
    };
    await askForChanges(first, 'Describe the collection; drop the repeated rows.');
    // A new version with the file of the first: the reviewer sees the data did not change.
    const second = await followUp();
    expect((await org.reviewer.client.review.byId.query({ versionId: second })).previous).toMatchObject({
      versionId: first,
      number: 1,
      state: 'changes_requested',
      isSameFile: true,
      review: {
        decision: 'request_changes',
        isByYou: true,
        reasonCodes: ['context.missing-datasheet', 'structure.duplicates'],
        comment: 'Describe the collection; drop the repeated rows.',
        decidedAt: expect.any(String),
      },
    });
    // A colleague reads the same decision as not theirs.
    const colleague = await inviteAndSignIn(app, await createOperator(app), org.organisationId);
    expect((await colleague.client.review.byId.query({ versionId: first })).review).toMatchObject({
      decision: 'request_changes',
      isByYou: false,
    });
    await askForChanges(second, 'The file is the same as before.');
    const third = await followUp(`${GOOD_CSV.trim()}\nA new ticket about a late refund,low,2025-03-02\n`);
    expect((await org.reviewer.client.review.byId.query({ versionId: third })).previous).toMatchObject({
      versionId: second,
      isSameFile: false,
      review: { comment: 'The file is the same as before.' },
    });
    // The first version has no previous one.
    expect((await org.reviewer.client.review.byId.query({ versionId: first })).previous).toBeNull();
  });

  it("tells reviewer and contributor the request's minimum score, also once the request has closed", async () => {
    const strict = (await createRequest(org.reviewer, org.organisationId, { minQualityScore: 75 })).id;
    const { versionId, submissionId } = await inReview(app, contributor, strict);
    expect((await org.reviewer.client.review.byId.query({ versionId })).request.minQualityScore).toBe(75);
    await org.reviewer.client.review.decide.mutate({
      ...reject(versionId),
      comment: 'Not what we need now.',
    });
    await org.reviewer.client.request.close.mutate({ id: strict });
    expect(await codeOf(contributor.client.request.byId.query({ id: strict }))).toBe('NOT_FOUND');
    expect(
      (await contributor.client.submission.byId.query({ id: submissionId })).requestMinQualityScore,
    ).toBe(75);
    const own = await contributor.client.submission.create.mutate({ manifest: GOOD_MANIFEST });
    expect(
      (await contributor.client.submission.byId.query({ id: own.submissionId })).requestMinQualityScore,
    ).toBeNull();
  });

  it('accepts: pays the reward in the same transaction, and the contributor sees the credit', async () => {
    const { versionId, submissionId } = await inReview(app, contributor, requestId);
    const before = await contributor.client.ledger.balance.query();
    const decided = await org.reviewer.client.review.decide.mutate(accept(versionId));
    expect(decided).toMatchObject({ state: 'accepted', paidCents: 1000 });
    const after = await contributor.client.ledger.balance.query();
    expect(after.balanceCents - before.balanceCents).toBe(1000);
    // The credit says what earned it: the submission and version accepted, and the request it answered.
    expect(after.entries[0]).toMatchObject({
      amountCents: 1000,
      versionId,
      submission: { id: submissionId, versionNumber: 1, title: GOOD_MANIFEST.title },
      requestTitle: (await org.reviewer.client.request.byId.query({ id: requestId })).title,
    });
    const detail = await contributor.client.submission.byId.query({ id: submissionId });
    expect(detail.versions[0]).toMatchObject({
      state: 'accepted',
      decision: {
        decision: 'accept',
        reasonCodes: ['accept.meets-requirements'],
        comment: 'Clean, documented, what we asked for.',
      },
      // The submission page says what the acceptance paid.
      creditedCents: 1000,
    });
    expect(JSON.stringify(detail)).not.toContain(org.reviewer.userId);
    const fingerprints = await app.services.db
      .selectFrom('fingerprint')
      .select('fingerprint')
      .where('version_id', '=', versionId)
      .execute();
    expect(fingerprints.length).toBeGreaterThan(0);
  });

  it('a request past its deadline takes no new submissions, but a follow-up answering a reviewer; a closed one none', async () => {
    const late = (
      await createRequest(org.reviewer, org.organisationId, {
        title: 'Tickets before the deadline',
        rewardCents: 1000,
        budgetCents: 10_000,
      })
    ).id;
    // A draft started in time, and a submission the reviewer sent back for changes, answered by a new version.
    const { versionId: draftId } = await contributor.client.submission.create.mutate({
      requestId: late,
      manifest: GOOD_MANIFEST,
    });
    expect((await uploadFile(app.url, contributor.cookie, draftId, GOOD_CSV)).status).toBe(200);
    const sentBack = await inReview(app, contributor, late);
    await org.reviewer.client.review.decide.mutate({
      versionId: sentBack.versionId,
      decision: 'request_changes',
      reasonCodes: ['context.missing-datasheet'],
      comment: 'Describe how the tickets were collected.',
      timeSpentMs: 1_000,
    });
    const followUp = await contributor.client.submission.version.create.mutate({
      submissionId: sentBack.submissionId,
    });
    const takingIds = async () =>
      (await contributor.client.request.list.query({ isTakingSubmissions: true, limit: 200, offset: 0 })).map(
        (r) => r.id,
      );
    const openIds = async () =>
      (await contributor.client.request.list.query({ status: 'open', limit: 200, offset: 0 })).map(
        (r) => r.id,
      );
    expect(await takingIds()).toContain(late);
    // The deadline passes.
    const deadline = Date.now() - 1_000;
    await app.services.db
      .updateTable('data_request')
      .set({ deadline_at: deadline })
      .where('id', '=', late)
      .execute();
    const pastDeadline = `stopped taking submissions at its deadline, ${new Date(deadline).toISOString()}`;
    // Still open (its reviewers decide what came in), but not offered to contributors any more.
    expect(await openIds()).toContain(late);
    expect(await takingIds()).not.toContain(late);
    // The contributor's own submission says where its request stands (the wizard warns from it).
    expect(await contributor.client.submission.byId.query({ id: sentBack.submissionId })).toMatchObject({
      requestTitle: 'Tickets before the deadline',
      requestRewardCents: 1000,
      requestStatus: 'open',
      requestDeadline: new Date(deadline).toISOString(),
    });

    await expect(
      contributor.client.submission.create.mutate({ requestId: late, manifest: GOOD_MANIFEST }),
    ).rejects.toThrow(pastDeadline);
    await expect(
      contributor.client.submission.submit.mutate({ versionId: draftId, idempotencyKey: `k-${draftId}` }),
    ).rejects.toThrow(pastDeadline);
    expect(
      await codeOf(
        contributor.client.submission.submit.mutate({ versionId: draftId, idempotencyKey: `k2-${draftId}` }),
      ),
    ).toBe('CONFLICT');
    const draft = await app.services.db
      .selectFrom('submission_version')
      .select(['state', 'submitted_at'])
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow();
    expect(draft).toEqual({ state: 'draft', submitted_at: null });
    // The follow-up is part of a submission that came in on time.
    expect(
      await contributor.client.submission.submit.mutate({
        versionId: followUp.versionId,
        idempotencyKey: `k-${followUp.versionId}`,
      }),
    ).toMatchObject({ state: 'submitted' });
    // It is decided before the request closes (closing waits for every submission's decision).
    await waitForState(app, followUp.versionId, ['in_review']);
    await org.reviewer.client.review.decide.mutate(reject(followUp.versionId));
    await org.reviewer.client.request.close.mutate({ id: late });
    expect(
      (await contributor.client.submission.byId.query({ id: sentBack.submissionId })).requestStatus,
    ).toBe('closed');
    const closed = /is closed: it takes no submissions/;
    await expect(
      contributor.client.submission.create.mutate({ requestId: late, manifest: GOOD_MANIFEST }),
    ).rejects.toThrow(closed);
    await expect(
      contributor.client.submission.submit.mutate({ versionId: draftId, idempotencyKey: `k-${draftId}` }),
    ).rejects.toThrow(closed);
  });

  it('refuses to accept a data file the request already accepted, from the same contributor too; changes nothing', async () => {
    const twice = (
      await createRequest(org.reviewer, org.organisationId, { rewardCents: 700, budgetCents: 5_000 })
    ).id;
    const seller = await app.signUp();
    const first = await inReview(app, seller, twice);
    await org.reviewer.client.review.decide.mutate(accept(first.versionId));
    // The same file again, as a new submission to the same request.
    const again = await inReview(app, seller, twice);
    const item = await org.reviewer.client.review.byId.query({ versionId: again.versionId });
    expect(item.sameFileAccepted).toEqual({
      versionId: first.versionId,
      submissionId: first.submissionId,
      decidedAt: expect.any(String),
    });
    const balance = await seller.client.ledger.balance.query();
    await expect(org.reviewer.client.review.decide.mutate(accept(again.versionId))).rejects.toThrow(
      'This exact data file was already accepted for this request: accepting it again would pay twice for the same data',
    );
    expect(await codeOf(org.reviewer.client.review.decide.mutate(accept(again.versionId)))).toBe('CONFLICT');
    expect(await seller.client.ledger.balance.query()).toEqual(balance);
    expect((await org.reviewer.client.review.byId.query({ versionId: again.versionId })).state).toBe(
      'in_review',
    );
    // Rejecting it is the way out; a different file is not affected.
    await org.reviewer.client.review.decide.mutate({
      ...reject(again.versionId),
      reasonCodes: ['provenance.copied'],
    });
    const other = await inReview(
      app,
      seller,
      twice,
      `${GOOD_CSV.trim()}\nA different ticket,low,2025-03-09\n`,
    );
    expect(
      (await org.reviewer.client.review.byId.query({ versionId: other.versionId })).sameFileAccepted,
    ).toBeNull();
    expect(await org.reviewer.client.review.decide.mutate(accept(other.versionId))).toMatchObject({
      state: 'accepted',
      paidCents: 700,
    });
  });

  it("scores the consent bases and the task a request asks for (GOOD_MANIFEST's are contract, classification)", async () => {
    const strict = (
      await createRequest(org.reviewer, org.organisationId, { requiredConsentBasis: ['consent'] })
    ).id;
    const lenient = (
      await createRequest(org.reviewer, org.organisationId, { requiredConsentBasis: ['consent', 'contract'] })
    ).id;
    // People are in the data (the requirement is about data with people in it).
    const withPeople = {
      ...GOOD_MANIFEST,
      provenance: { ...GOOD_MANIFEST.provenance, containsPersonalData: true },
    };
    const findingOf = async (requestId: string) => {
      const { versionId } = await inReview(app, contributor, requestId, GOOD_CSV, withPeople);
      const item = await org.reviewer.client.review.byId.query({ versionId });
      return item.report?.findings.find((f) => f.code === 'provenance.consent-not-accepted');
    };
    expect(await findingOf(strict)).toMatchObject({
      severity: 'error',
      message: 'The request accepts only the consent bases consent; this data gives contract.',
      location: { field: 'provenance.consentBasis' },
    });
    expect(await findingOf(lenient)).toBeUndefined();
    // A request for another task: GOOD_MANIFEST declares classification.
    const regression = (
      await createRequest(org.reviewer, org.organisationId, { task: 'regression', labelSet: [] })
    ).id;
    const { versionId } = await inReview(app, contributor, regression);
    const { report } = await org.reviewer.client.review.byId.query({ versionId });
    expect(report?.findings.find((f) => f.code === 'structure.task-mismatch')).toMatchObject({
      severity: 'error',
      message: 'The request asks for regression data; this data is declared as classification.',
    });
  });

  it('flags a copy of another contributor’s accepted data', async () => {
    const copier = await app.signUp();
    const { versionId } = await inReview(app, copier, requestId);
    const item = await org.reviewer.client.review.byId.query({ versionId });
    expect(item.report?.findings.map((f) => f.code)).toContain('provenance.copied-data');
    // A near copy (one row added) is still a copy.
    const nearCopy = await inReview(
      app,
      await app.signUp(),
      requestId,
      `${GOOD_CSV}\n"an entirely new ticket",low,2025-03-09`,
    );
    const near = await org.reviewer.client.review.byId.query({ versionId: nearCopy.versionId });
    expect(near.report?.findings.map((f) => f.code)).toContain('provenance.copied-data');
  });

  it('compares fingerprints only with accepted data scored by the same major scorer version', async () => {
    const { db } = app.services;
    const accepted = await db
      .selectFrom('submission_version')
      .select(['id', 'scorer_version'])
      .where('id', 'in', db.selectFrom('fingerprint').select('version_id'))
      .execute();
    expect(accepted.length).toBeGreaterThan(0);
    const codesOf = async () => {
      const { versionId } = await inReview(app, await app.signUp(), requestId);
      const item = await org.reviewer.client.review.byId.query({ versionId });
      return item.report?.findings.map((f) => f.code) ?? [];
    };
    const scoredBy = (version: string) =>
      db
        .updateTable('submission_version')
        .set({ scorer_version: version })
        .where(
          'id',
          'in',
          accepted.map((v) => v.id),
        )
        .execute();
    try {
      // Another major version hashed rows differently: its fingerprints cannot match.
      await scoredBy('1.0.0');
      const codes = await codesOf();
      expect(codes).not.toContain('provenance.copied-data');
      expect(codes).not.toContain('provenance.overlapping-data');
      // An earlier patch of this major version changed wording, not hashes: its fingerprints still match.
      await scoredBy(`${FINGERPRINT_MAJOR_VERSION}.0.0`);
      expect(await codesOf()).toContain('provenance.copied-data');
    } finally {
      for (const version of accepted) {
        await db
          .updateTable('submission_version')
          .set({ scorer_version: version.scorer_version })
          .where('id', '=', version.id)
          .execute();
      }
    }
    expect(await codesOf()).toContain('provenance.copied-data');
  });

  // On PostgreSQL both were paid: each decision looked for an acceptance of the same file before either
  // had locked the request, and neither saw the other's.
  it('pays once when two reviewers accept two submissions of the same file at the same moment', async () => {
    const same = (
      await createRequest(org.reviewer, org.organisationId, { rewardCents: 500, budgetCents: 5_000 })
    ).id;
    const seller = await app.signUp();
    const other = await app.signUp();
    const first = await inReview(app, seller, same);
    const second = await inReview(app, other, same);
    const colleague = await (await import('./support/fixtures.ts')).inviteAndSignIn(
      app,
      org.operator,
      org.organisationId,
    );
    const results = await Promise.allSettled([
      org.reviewer.client.review.decide.mutate(accept(first.versionId)),
      colleague.client.review.decide.mutate(accept(second.versionId)),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(String(refused.reason)).toContain('accepting it again would pay twice for the same data');
    const budget = await org.reviewer.client.ledger.requestBudget.query({ requestId: same });
    expect(budget.paidCents).toBe(500);
  });

  it('lets exactly one of two simultaneous decisions win; the other gets CONFLICT', async () => {
    const { versionId } = await inReview(app, contributor, requestId);
    const second = await (await import('./support/fixtures.ts')).inviteAndSignIn(
      app,
      org.operator,
      org.organisationId,
    );
    const results = await Promise.allSettled([
      org.reviewer.client.review.decide.mutate(accept(versionId)),
      second.client.review.decide.mutate({
        ...accept(versionId),
        decision: 'reject',
        reasonCodes: ['structure.duplicates'],
      }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(await codeOf(Promise.reject(rejected.reason))).toBe('CONFLICT');
    const reviews = await app.services.db
      .selectFrom('review')
      .select('id')
      .where('version_id', '=', versionId)
      .execute();
    expect(reviews).toHaveLength(1);
  });

  it('refuses a paid acceptance the budget cannot cover, and changes nothing', async () => {
    const small = (
      await createRequest(org.reviewer, org.organisationId, { rewardCents: 1000, budgetCents: 1500 })
    ).id;
    await org.reviewer.client.review.decide.mutate(
      accept((await inReview(app, contributor, small)).versionId),
    );
    // 500 of the budget is left, less than the reward; the reviewer's page has it.
    const { versionId, submissionId } = await inReview(app, contributor, small, variantCsv());
    expect((await org.reviewer.client.review.byId.query({ versionId })).request).toMatchObject({
      rewardCents: 1000,
      budgetLeftCents: 500,
    });
    expect(await codeOf(org.reviewer.client.review.decide.mutate(accept(versionId)))).toBe(
      'PRECONDITION_FAILED',
    );
    const row = await app.services.db
      .selectFrom('submission_version')
      .select('state')
      .where('id', '=', versionId)
      .executeTakeFirst();
    expect(row?.state).toBe('in_review');
    expect(
      await app.services.db.selectFrom('review').select('id').where('version_id', '=', versionId).execute(),
    ).toEqual([]);
    const unpaid = await contributor.client.submission.byId.query({ id: submissionId });
    expect(unpaid.versions.map((version) => version.creditedCents)).toEqual([null]);
    // The contributor's page has what the budget can still pay, less than the reward.
    expect(unpaid).toMatchObject({ requestRewardCents: 1000, requestBudgetLeftCents: 500 });
    const audit = await org.operator.client.ledger.audit.query();
    expect(audit).toMatchObject({ sumCents: 0, isBalanced: true });
  });

  it('refuses to decide a withdrawn or superseded version, or twice', async () => {
    const withdrawn = await inReview(app, contributor, requestId);
    await contributor.client.submission.withdraw.mutate({ versionId: withdrawn.versionId });
    const reject = (versionId: string) => ({
      versionId,
      decision: 'reject' as const,
      reasonCodes: ['context.missing-datasheet' as const],
      comment: 'No.',
      timeSpentMs: 1,
    });
    expect(await codeOf(org.reviewer.client.review.decide.mutate(reject(withdrawn.versionId)))).toBe(
      'CONFLICT',
    );

    const superseded = await inReview(app, contributor, requestId);
    await contributor.client.submission.version.create.mutate({ submissionId: superseded.submissionId });
    expect(await codeOf(org.reviewer.client.review.decide.mutate(reject(superseded.versionId)))).toBe(
      'CONFLICT',
    );

    const once = await inReview(app, contributor, requestId);
    await org.reviewer.client.review.decide.mutate(reject(once.versionId));
    expect(await codeOf(org.reviewer.client.review.decide.mutate(reject(once.versionId)))).toBe('CONFLICT');
  });

  it('requires reason codes that fit the decision and a comment (field errors)', async () => {
    const { versionId } = await inReview(app, contributor, requestId);
    try {
      await org.reviewer.client.review.decide.mutate({
        ...accept(versionId),
        reasonCodes: ['structure.duplicates'],
        comment: '',
      });
      expect.unreachable();
    } catch (error) {
      const fields = (error as { data: { zodError: { fieldErrors: Record<string, string[]> } } }).data
        .zodError.fieldErrors;
      expect(Object.keys(fields).sort()).toEqual(['comment', 'reasonCodes']);
    }
  });

  it('hides other organisations’ versions from a reviewer’s decision (NOT_FOUND)', async () => {
    const { versionId } = await inReview(app, contributor, requestId);
    expect(await codeOf(otherOrg.reviewer.client.review.decide.mutate(accept(versionId)))).toBe('NOT_FOUND');
    expect(await codeOf(org.operator.client.review.decide.mutate(accept(versionId)))).toBe('FORBIDDEN');
    expect(await codeOf(app.anonymous.review.queue.query({}))).toBe('UNAUTHORIZED');
  });

  it('rejects a sort field outside the allowlist', async () => {
    expect(await codeOf(org.reviewer.client.review.queue.query({ sort: 'contributor_id' as never }))).toBe(
      'BAD_REQUEST',
    );
  });

  it('serves the accepted data and its Croissant metadata as attachments, to the accepting organisation only', async () => {
    const fresh = (await createRequest(org.reviewer, org.organisationId, { rewardCents: 0, budgetCents: 0 }))
      .id;
    const { versionId } = await inReview(app, contributor, fresh);
    const base = `${app.url}/api/files/versions/${versionId}`;
    expect((await fetch(`${base}/data`, { headers: { cookie: org.reviewer.cookie } })).status).toBe(404);
    await org.reviewer.client.review.decide.mutate(accept(versionId));

    const data = await fetch(`${base}/data`, { headers: { cookie: org.reviewer.cookie } });
    expect(data.status).toBe(200);
    // Named after the dataset and its version, not the version's id.
    expect(data.headers.get('content-disposition')).toBe(
      `attachment; filename="customer-support-tickets-labeled-by-urgency-v1.csv"`,
    );
    expect(data.headers.get('x-content-type-options')).toBe('nosniff');
    expect(data.headers.get('cache-control')).toBe('no-store');
    expect(await data.text()).toBe(GOOD_CSV);

    const meta = await fetch(`${base}/croissant.json`, { headers: { cookie: org.reviewer.cookie } });
    expect(meta.headers.get('content-disposition')).toBe(
      `attachment; filename="customer-support-tickets-labeled-by-urgency-v1.croissant.json"`,
    );
    const croissant = (await meta.json()) as Record<string, unknown>;
    expect(croissant).toMatchObject({
      '@type': 'sc:Dataset',
      conformsTo: 'http://mlcommons.org/croissant/1.0',
    });

    for (const who of [otherOrg.reviewer, org.operator]) {
      expect((await fetch(`${base}/data`, { headers: { cookie: who.cookie } })).status).toBe(404);
    }
    // The contributor gets their own file back (below), but not the organisation's metadata.
    expect((await fetch(`${base}/croissant.json`, { headers: { cookie: contributor.cookie } })).status).toBe(
      404,
    );
  });

  it("lists the organisation's accepted data, newest first, with each file's hash and what it paid", async () => {
    const paid = await createRequest(org.reviewer, org.organisationId, {
      rewardCents: 700,
      budgetCents: 1400,
    });
    const unpaid = await createRequest(org.reviewer, org.organisationId, { rewardCents: 0, budgetCents: 0 });
    const first = await inReview(app, contributor, paid.id, variantCsv());
    const second = await inReview(app, contributor, paid.id);
    const waiting = await inReview(app, contributor, paid.id);
    const refused = await inReview(app, contributor, paid.id);
    const free = await inReview(app, contributor, unpaid.id);
    await org.reviewer.client.review.decide.mutate(accept(first.versionId));
    // Decisions a few milliseconds apart, so that "newest first" has an order to show.
    await sleep(5);
    await org.reviewer.client.review.decide.mutate(accept(second.versionId));
    await org.reviewer.client.review.decide.mutate({
      ...accept(refused.versionId),
      decision: 'reject',
      reasonCodes: ['structure.duplicates'],
    });
    await sleep(5);
    await org.reviewer.client.review.decide.mutate(accept(free.versionId));

    const listed = await org.reviewer.client.review.accepted.query({ requestId: paid.id });
    expect(listed.map((item) => item.versionId)).toEqual([second.versionId, first.versionId]);
    const sha256 = createHash('sha256').update(GOOD_CSV).digest('hex');
    expect(listed[0]).toMatchObject({
      submissionId: second.submissionId,
      number: 1,
      title: GOOD_MANIFEST.title,
      request: { id: paid.id, title: paid.title },
      contributor: expect.stringMatching(/^contributor-/),
      rows: GOOD_CSV.trim().split('\n').length - 1,
      file: { sha256, format: 'csv', size: Buffer.byteLength(GOOD_CSV) },
      paidCents: 700,
    });
    expect(listed[0]!.score).toBeGreaterThan(0);
    expect(Date.parse(listed[0]!.acceptedAt)).toBeGreaterThan(Date.parse(listed[1]!.acceptedAt));
    expect(JSON.stringify(listed)).not.toContain(contributor.email);
    // The hash is the downloaded file's.
    const data = await fetch(`${app.url}/api/files/versions/${listed[0]!.versionId}/data`, {
      headers: { cookie: org.reviewer.cookie },
    });
    expect(
      createHash('sha256')
        .update(Buffer.from(await data.arrayBuffer()))
        .digest('hex'),
    ).toBe(sha256);

    // Every request of the organisation, newest first; a zero reward paid nothing.
    const all = await org.reviewer.client.review.accepted.query({});
    expect(all.slice(0, 3).map((item) => [item.versionId, item.paidCents])).toEqual([
      [free.versionId, 0],
      [second.versionId, 700],
      [first.versionId, 700],
    ]);
    const ids = all.map((item) => item.versionId);
    expect(ids).not.toContain(waiting.versionId);
    expect(ids).not.toContain(refused.versionId);
    expect((await org.reviewer.client.review.accepted.query({ limit: 1 })).map((i) => i.versionId)).toEqual([
      free.versionId,
    ]);
    // Another organisation sees none of it.
    expect(await otherOrg.reviewer.client.review.accepted.query({ requestId: paid.id })).toEqual([]);
    expect((await otherOrg.reviewer.client.review.accepted.query({})).map((i) => i.versionId)).not.toContain(
      first.versionId,
    );
    expect(await codeOf(org.reviewer.client.review.accepted.query({ limit: 501 }))).toBe('BAD_REQUEST');
  });

  it("scores a contributor's record of decided submissions into provenance, as the wizard reads it", async () => {
    const newcomer = await app.signUp();
    const roomy = (
      await createRequest(org.reviewer, org.organisationId, { rewardCents: 100, budgetCents: 10_000 })
    ).id;
    const reject = (versionId: string) => ({
      ...accept(versionId),
      decision: 'reject' as const,
      reasonCodes: ['context.missing-datasheet' as const],
    });
    const decided: string[] = [];
    for (const decide of [accept, reject, reject, reject]) {
      const { submissionId, versionId } = await inReview(app, newcomer, roomy);
      await org.reviewer.client.review.decide.mutate(decide(versionId));
      decided.push(submissionId);
    }
    // A withdrawn submission was never decided: it does not count.
    const withdrawn = await inReview(app, newcomer, roomy);
    await newcomer.client.submission.withdraw.mutate({ versionId: withdrawn.versionId });
    expect(await newcomer.client.submission.record.query({})).toEqual({ accepted: 1, decided: 4 });
    expect(await newcomer.client.submission.record.query({ submissionId: decided[1] })).toEqual({
      accepted: 1,
      decided: 3,
    });
    expect(await contributor.client.submission.record.query({})).not.toEqual({ accepted: 1, decided: 4 });

    const { versionId } = await inReview(app, newcomer, roomy, variantCsv());
    const item = await org.reviewer.client.review.byId.query({ versionId });
    expect(item.report?.findings).toContainEqual(
      expect.objectContaining({
        code: 'provenance.contributor-record',
        message: 'Reviewers accepted 1 of the 4 earlier submissions by this contributor that they decided.',
      }),
    );
    expect(item.report?.scores.provenance).toBeLessThan(100);
    // The reviewer sees the record beside the pseudonym, as of now.
    expect(item.contributorRecord).toEqual({ accepted: 1, decided: 4 });
    await org.reviewer.client.review.decide.mutate(accept(versionId));
    const next = await inReview(app, newcomer, roomy);
    expect(
      (await org.reviewer.client.review.byId.query({ versionId: next.versionId })).contributorRecord,
    ).toEqual({
      accepted: 2,
      decided: 5,
    });
  });

  it("serves a contributor their own file in any state, as an attachment, and nobody else's", async () => {
    const { versionId } = await inReview(app, contributor, requestId);
    const base = `${app.url}/api/files/versions/${versionId}`;
    const own = await fetch(`${base}/data`, { headers: { cookie: contributor.cookie } });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(own.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await own.text()).toBe(GOOD_CSV);
    const stranger = await app.signUp();
    for (const who of [stranger, otherOrg.reviewer]) {
      expect((await fetch(`${base}/data`, { headers: { cookie: who.cookie } })).status).toBe(404);
    }
    expect((await fetch(`${base}/data`)).status).toBe(401);
  });
});
