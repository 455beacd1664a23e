import type { EventType } from '@assay/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildAnalytics } from '../src/analytics/refresh-rollups.ts';
import {
  auc,
  fitLogistic,
  predictLogistic,
  scoreAtProbability,
  wilsonInterval,
} from '../src/analytics/stats.ts';
import { withAnalyticsTables } from '../src/analytics/tables.ts';
import { appendEvents, type NewEvent } from '../src/events/append-event.ts';
import { dialectsToRun } from './support/dialects.ts';
import { createOperator } from './support/fixtures.ts';
import { codeOf, type SignedInClient, startTestApp, type TestApp } from './support/test-server.ts';

const dialects = await dialectsToRun();

// A small history computed by hand (numbers in the expectations are worked out in the comments).
// T0 is Monday 2025-03-03 00:00 UTC; "now" for abandonment is T0 + 20 days.
const T0 = Date.parse('2025-03-03T00:00:00Z');
const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;
const NOW = T0 + 20 * D;

interface Seed {
  requestId: string;
  submissions: Record<'S1' | 'S2' | 'S3' | 'S4' | 'S5' | 'S6', string>;
}

/**
 * S1 (A, R)   drafts at 1h; file, manifest, pre-score, finding; submits 1h30; scored 1h31; accepted 2h (score 80).
 * S2 (A, R)   drafts at 1d; file; submits 1d2h; v1 scored 1d3h, rejected 1d5h (40, licence + datasheet);
 *             v2 submits 2d, scored 2d1h, accepted 2d3h (70).
 * S3 (B, R)   drafts at 2d; file; edits context.population; sees context.missing-population; idle since 2d1h.
 * S4 (B, —)   drafts at 8d; sees structure.ragged-rows, edits title; says draft.abandoned at 8d1h.
 * S5 (B, R)   drafts at 9d; file, manifest; 3 validation errors; submits 9d1h, scored 9d2h (55, context 45,
 *             required column missing), changes requested 9d6h (label quality).
 * S6 (A, —)   drafts at 10d; submits 10d1h; scored 10d1h05; accepted 10d2h (50).
 */
async function seed(app: TestApp, a: string, b: string, reviewer: string): Promise<Seed> {
  const db = app.services.db;
  const id = () => crypto.randomUUID();
  const requestId = id();
  const organisationId = id();
  await db
    .insertInto('organisation')
    .values({ id: organisationId, name: `Org ${organisationId}`, name_key: organisationId, created_at: T0 })
    .execute();
  await db
    .insertInto('data_request')
    .values({
      id: requestId,
      organisation_id: organisationId,
      title: 'Tickets by urgency',
      description: '',
      task: 'classification',
      required_columns: '[]',
      label_set: '[]',
      min_rows: 100,
      accepted_licenses: '[]',
      required_consent_basis: '[]',
      requires_commercial_use: 1,
      min_quality_score: 60,
      reward_cents: 1000,
      budget_cents: 5000,
      deadline_at: null,
      status: 'open',
      created_by: reviewer,
      created_at: T0,
      updated_at: T0,
    })
    .execute();

  const s = { S1: id(), S2: id(), S3: id(), S4: id(), S5: id(), S6: id() };
  const owner = { S1: a, S2: a, S3: b, S4: b, S5: b, S6: a };
  const request = { S1: requestId, S2: requestId, S3: requestId, S4: null, S5: requestId, S6: null };
  const created = { S1: T0 + H, S2: T0 + D, S3: T0 + 2 * D, S4: T0 + 8 * D, S5: T0 + 9 * D, S6: T0 + 10 * D };
  for (const key of Object.keys(s) as (keyof typeof s)[]) {
    await db
      .insertInto('submission')
      .values({
        id: s[key],
        contributor_id: owner[key],
        request_id: request[key],
        latest_version: key === 'S2' ? 2 : 1,
        created_at: created[key],
        updated_at: created[key],
      })
      .execute();
  }

  const report = (codes: string[]) =>
    JSON.stringify({
      findings: codes.map((code) => ({ code, dimension: code.split('.')[0], severity: 'error' })),
    });
  const versions: {
    key: keyof typeof s;
    number: number;
    state: string;
    scores: [number, number, number, number];
    rows: number;
    findings: string[];
    submitted: number;
    scored: number;
    decided: number;
    decision: 'accept' | 'reject' | 'request_changes';
    reasons: string[];
  }[] = [
    {
      key: 'S1',
      number: 1,
      state: 'accepted',
      scores: [80, 90, 70, 80],
      rows: 150,
      findings: [],
      submitted: T0 + 90 * MIN,
      scored: T0 + 91 * MIN,
      decided: T0 + 2 * H,
      decision: 'accept',
      reasons: ['accept.meets-requirements'],
    },
    {
      key: 'S2',
      number: 1,
      state: 'rejected',
      scores: [40, 60, 30, 20],
      rows: 90,
      findings: ['provenance.license-missing'],
      submitted: T0 + D + 2 * H,
      scored: T0 + D + 3 * H,
      decided: T0 + D + 5 * H,
      decision: 'reject',
      reasons: ['provenance.license', 'context.missing-datasheet'],
    },
    {
      key: 'S2',
      number: 2,
      state: 'accepted',
      scores: [70, 75, 65, 70],
      rows: 120,
      findings: [],
      submitted: T0 + 2 * D,
      scored: T0 + 2 * D + H,
      decided: T0 + 2 * D + 3 * H,
      decision: 'accept',
      reasons: ['accept.high-quality'],
    },
    {
      key: 'S5',
      number: 1,
      state: 'changes_requested',
      scores: [55, 70, 45, 60],
      rows: 80,
      findings: ['structure.required-column-missing'],
      submitted: T0 + 9 * D + H,
      scored: T0 + 9 * D + 2 * H,
      decided: T0 + 9 * D + 6 * H,
      decision: 'request_changes',
      reasons: ['structure.label-quality'],
    },
    {
      key: 'S6',
      number: 1,
      state: 'accepted',
      scores: [50, 50, 50, 50],
      rows: 10,
      findings: [],
      submitted: T0 + 10 * D + H,
      scored: T0 + 10 * D + 65 * MIN,
      decided: T0 + 10 * D + 2 * H,
      decision: 'accept',
      reasons: ['accept.meets-requirements'],
    },
  ];
  const events: NewEvent[] = [];
  const ev = (
    key: keyof typeof s,
    type: EventType,
    at: number,
    props: Record<string, unknown> = {},
    versionId: string | null = null,
  ) =>
    events.push({
      type,
      submissionId: s[key],
      versionId,
      requestId: request[key],
      actorId: owner[key],
      at,
      props,
    });
  for (const v of versions) {
    const versionId = id();
    await db
      .insertInto('submission_version')
      .values({
        id: versionId,
        submission_id: s[v.key],
        number: v.number,
        state: v.state,
        manifest: '{}',
        row_count: v.rows,
        report: report(v.findings),
        score_overall: v.scores[0],
        score_structure: v.scores[1],
        score_context: v.scores[2],
        score_provenance: v.scores[3],
        enterprise_grade: 0,
        created_at: v.submitted,
        updated_at: v.decided,
        submitted_at: v.submitted,
        scored_at: v.scored,
        decided_at: v.decided,
      })
      .execute();
    await db
      .insertInto('review')
      .values({
        id: id(),
        version_id: versionId,
        reviewer_id: reviewer,
        decision: v.decision,
        reason_codes: JSON.stringify(v.reasons),
        comment: 'because',
        time_spent_ms: 1000,
        created_at: v.decided,
      })
      .execute();
    ev(v.key, 'version.submitted', v.submitted, { number: v.number }, versionId);
    ev(v.key, 'version.scored', v.scored, { overall: v.scores[0] }, versionId);
    ev(v.key, 'version.decided', v.decided, { decision: v.decision, reasonCodes: v.reasons }, versionId);
    if (v.decision === 'accept' && request[v.key]) {
      ev(v.key, 'ledger.paid', v.decided, { rewardCents: 1000 }, versionId);
    }
  }
  for (const key of Object.keys(s) as (keyof typeof s)[]) ev(key, 'submission.created', created[key]);
  ev('S1', 'file.attached', T0 + 70 * MIN);
  ev('S1', 'manifest.completed', T0 + 80 * MIN);
  ev('S1', 'prescore.seen', T0 + 85 * MIN, { overall: 80 });
  ev('S1', 'finding.shown', T0 + 86 * MIN, { code: 'context.missing-unit' });
  ev('S1', 'validation.failed', T0 + 87 * MIN);
  ev('S2', 'file.attached', T0 + D + H);
  ev('S3', 'file.attached', T0 + 2 * D + 10 * MIN);
  ev('S3', 'finding.shown', T0 + 2 * D + 20 * MIN, { code: 'structure.class-imbalance' });
  ev('S3', 'field.edited', T0 + 2 * D + 30 * MIN, { field: 'context.population' });
  ev('S3', 'finding.shown', T0 + 2 * D + H, { code: 'context.missing-population' });
  ev('S4', 'finding.shown', T0 + 8 * D + 30 * MIN, { code: 'structure.ragged-rows' });
  ev('S4', 'field.edited', T0 + 8 * D + 40 * MIN, { field: 'title' });
  ev('S4', 'draft.abandoned', T0 + 8 * D + H);
  ev('S5', 'file.attached', T0 + 9 * D + 10 * MIN);
  ev('S5', 'manifest.completed', T0 + 9 * D + 20 * MIN);
  ev('S5', 'validation.failed', T0 + 9 * D + 50 * MIN, { count: 3 });
  // Out of order on purpose: the rollup must not depend on insertion order.
  events.reverse();
  await appendEvents(db, events);
  return { requestId, submissions: s };
}

const steps = (result: { steps: { count: number }[] }) => result.steps.map((step) => step.count);

describe.each(dialects)('analytics on %s', (dialect) => {
  let app: TestApp;
  let operator: SignedInClient;
  let contributor: SignedInClient;
  let reviewer: SignedInClient;
  let data: Seed;

  beforeAll(async () => {
    // Not the default (70), so the curve's threshold is seen to come from the server's configuration.
    app = await startTestApp(dialect, { ENTERPRISE_GRADE_THRESHOLD: '65' });
    operator = await createOperator(app);
    contributor = await app.signUp();
    const other = await app.signUp();
    reviewer = await app.signUp();
    await app.services.db
      .updateTable('user')
      .set({ role: 'reviewer' })
      .where('id', '=', reviewer.userId)
      .execute();
    data = await seed(app, contributor.userId, other.userId, reviewer.userId);
  });
  afterAll(() => app?.stop());

  it.each(['funnel', 'friction', 'acceptanceCurve', 'supplyDemand'] as const)(
    '%s is for operators: contributors, reviewers and strangers are refused',
    async (name) => {
      expect(await codeOf(contributor.client.analytics[name].query({}))).toBe('FORBIDDEN');
      expect(await codeOf(reviewer.client.analytics[name].query({}))).toBe('FORBIDDEN');
      expect(await codeOf(app.anonymous.analytics[name].query({}))).toBe('UNAUTHORIZED');
      await expect(operator.client.analytics[name].query({})).resolves.toBeTruthy();
    },
  );

  it('funnel: furthest step per submission, step conversion, by cohort week and by request', async () => {
    const funnel = await operator.client.analytics.funnel.query({});
    // Furthest: S1 accepted, S2 accepted, S3 file, S4 draft, S5 decided, S6 accepted.
    expect(steps(funnel)).toEqual([6, 5, 4, 4, 4, 4, 4, 3]);
    expect(funnel.steps[0]).toMatchObject({ step: 'draftStarted', conversion: null, fromStart: 1 });
    expect(funnel.steps[1]).toMatchObject({ step: 'fileAttached', conversion: 5 / 6 });
    expect(funnel.steps[2]?.conversion).toBeCloseTo(4 / 5);
    expect(funnel.steps[7]).toMatchObject({ step: 'accepted', conversion: 3 / 4, fromStart: 3 / 6 });
    expect(funnel.byCohort.map((c) => [c.week, steps(c)])).toEqual([
      ['2025-03-03', [3, 3, 2, 2, 2, 2, 2, 2]],
      ['2025-03-10', [3, 2, 2, 2, 2, 2, 2, 1]],
    ]);
    expect(funnel.byRequest.map((r) => [r.requestId, r.title, steps(r)])).toEqual([
      [data.requestId, 'Tickets by urgency', [4, 4, 3, 3, 3, 3, 3, 2]],
      [null, null, [2, 1, 1, 1, 1, 1, 1, 1]],
    ]);
  });

  it('funnel: narrowed by request and by date range', async () => {
    const byRequest = await operator.client.analytics.funnel.query({ filter: { requestId: data.requestId } });
    expect(steps(byRequest)).toEqual([4, 4, 3, 3, 3, 3, 3, 2]);
    const secondWeek = await operator.client.analytics.funnel.query({
      filter: { from: new Date(T0 + 7 * D).toISOString(), to: new Date(T0 + 14 * D).toISOString() },
    });
    expect(steps(secondWeek)).toEqual([3, 2, 2, 2, 2, 2, 2, 1]);
  });

  it('friction: submit times, abandonment and what preceded it, errors, versions, review latency', async () => {
    const { computeFriction } = await import('../src/analytics/friction.ts');
    const { resolveFilter } = await import('../src/analytics/query.ts');
    // "now" is fixed so the idle rule is reproducible; the procedure uses the clock.
    const friction = await computeFriction(withAnalyticsTables(app.services.db), dialect, resolveFilter({}), {
      idleHours: 72,
      now: NOW,
    });
    // Draft→submit: S1 30 min, S2 2 h, S5 1 h, S6 1 h → sorted [30m, 1h, 1h, 2h]; median 1 h;
    // p90: h = 3·0.9 = 2.7 → 1h + 0.7·(2h − 1h) = 1h42m.
    expect(friction.draftToSubmit).toEqual({ n: 4, medianMs: H, p90Ms: H + 42 * MIN });
    // Eligible: all 6 started ≥ 72 h before now; abandoned: S3 (idle since 2d1h), S4 (said so) → 2/6.
    expect(friction.abandonment).toMatchObject({ idleHours: 72, eligible: 6, abandoned: 2 });
    expect(friction.abandonment.rate).toBeCloseTo(2 / 6);
    // Last finding: S3 context.missing-population (not its earlier class-imbalance), S4 ragged rows.
    expect(friction.abandonment.lastFindings).toEqual([
      { value: 'context.missing-population', count: 1, share: 0.5, title: 'The population or geography' },
      { value: 'structure.ragged-rows', count: 1, share: 0.5, title: 'Rows with the wrong number of fields' },
    ]);
    expect(friction.abandonment.lastFields).toEqual([
      { value: 'context.population', count: 1, share: 0.5 },
      { value: 'title', count: 1, share: 0.5 },
    ]);
    // validation.failed: S1 (no count → 1), S5 (count 3) → 2 attempts, 4 errors, over 6 drafts.
    expect(friction.validation).toMatchObject({
      drafts: 6,
      draftsWithErrors: 2,
      failedAttempts: 2,
      errors: 4,
    });
    expect(friction.validation.errorsPerDraft).toBeCloseTo(4 / 6);
    // Accepted at version 1 (S1, S6) and version 2 (S2): mean 4/3, median 1.
    expect(friction.versionsUntilAcceptance).toEqual({
      accepted: 3,
      mean: 4 / 3,
      median: 1,
      distribution: [
        { versions: 1, count: 2 },
        { versions: 2, count: 1 },
      ],
    });
    // Scored → decided: 29m, 2h, 2h, 4h, 55m → sorted [29m, 55m, 2h, 2h, 4h]; median 2h;
    // p90: h = 4·0.9 = 3.6 → 2h + 0.6·(4h − 2h) = 3h12m.
    expect(friction.reviewLatency).toEqual({ n: 5, medianMs: 2 * H, p90Ms: 3 * H + 12 * MIN });
  });

  it('friction through the API: a shorter idle time never lowers abandonment', async () => {
    const long = await operator.client.analytics.friction.query({ idleHours: 24 * 300 });
    const short = await operator.client.analytics.friction.query({ idleHours: 1 });
    expect(short.abandonment.eligible).toBe(6);
    expect(short.abandonment.abandoned).toBe(2);
    expect(long.abandonment.eligible).toBeLessThanOrEqual(6);
    expect(await codeOf(operator.client.analytics.friction.query({ idleHours: -1 }))).toBe('BAD_REQUEST');
  });

  it('acceptance curve: Wilson bins, logistic fit, score at target, AUC, weekly, nth submission', async () => {
    const curve = await operator.client.analytics.acceptanceCurve.query({ targetAcceptance: 0.8 });
    // Observations (overall, accepted): S1 (80, 1), S2v1 (40, 0), S2v2 (70, 1), S5 (55, 0), S6 (50, 1).
    expect(curve).toMatchObject({ decisions: 5, accepted: 3, enterpriseGradeThreshold: 65 });
    const nonEmpty = curve.bins.filter((bin) => bin.n > 0).map((bin) => [bin.low, bin.n, bin.accepted]);
    expect(nonEmpty).toEqual([
      [40, 1, 0],
      [50, 2, 1],
      [70, 1, 1],
      [80, 1, 1],
    ]);
    const fifty = curve.bins.find((bin) => bin.low === 50)!;
    // Wilson 95% for 1/2: centre 0.5, half-width (1.96/(1+1.92))·√(0.125 + 0.48) ≈ 0.4450 → [0.0945, 0.9055].
    expect(fifty.ci.low).toBeCloseTo(0.0945, 3);
    expect(fifty.ci.high).toBeCloseTo(0.9055, 3);
    // AUC: positives {80, 70, 50} vs negatives {40, 55}: 5 of 6 pairs ordered → 5/6.
    expect(curve.auc).toBeCloseTo(5 / 6);
    const reference = fitLogistic([[80], [40], [70], [55], [50]], [1, 0, 1, 0, 1]);
    expect(curve.overallFit?.regularised).toBe(false);
    expect(curve.overallFit?.coefficients[0]).toBeCloseTo(reference.coefficients[0]!, 6);
    expect(curve.overallFit?.coefficients[1]).toBeCloseTo(reference.coefficients[1]!, 6);
    expect(curve.overallFit?.coefficients[1]).toBeGreaterThan(0);
    expect(curve.scoreAtTarget).toBeCloseTo(
      scoreAtProbability(reference.coefficients[0]!, reference.coefficients[1]!, 0.8)!,
      6,
    );
    // Five decisions: the score at the target is known only roughly, and the range says so.
    const range = curve.scoreAtTargetRange!;
    expect(range.low).toBeGreaterThanOrEqual(0);
    expect(range.low).toBeLessThan(curve.scoreAtTarget!);
    expect(range.high).toBeGreaterThan(curve.scoreAtTarget!);
    expect(range.high).toBeLessThanOrEqual(100);
    expect(range.high - range.low).toBeGreaterThan(20);
    expect(curve.overallFit).not.toHaveProperty('covariance');
    expect(curve.dimensionFit?.coefficients).toHaveLength(4);
    // In-sample AUC of the dimension fit, by the brute-force rank AUC of its predictions.
    const dimensions = [
      [90, 70, 80],
      [60, 30, 20],
      [75, 65, 70],
      [70, 45, 60],
      [50, 50, 50],
    ];
    const fitted = curve.dimensionFit?.coefficients ?? [];
    expect(curve.dimensionFit?.auc).toBeCloseTo(
      auc(
        dimensions.map((x) => predictLogistic(fitted, x)),
        [1, 0, 1, 0, 1],
      )!,
      12,
    );
    // Decision weeks: 03-03 → S1 ✓, S2v1 ✗, S2v2 ✓ (scores 80, 40, 70: median 70); 03-10 → S5 ✗, S6 ✓ (52.5).
    expect(curve.weekly.map((w) => [w.week, w.decisions, w.accepted, w.medianScore])).toEqual([
      ['2025-03-03', 3, 2, 70],
      ['2025-03-10', 2, 1, 52.5],
    ]);
    // The weekly chart draws each week's interval, and its weeks hold the same decided versions as the bins
    // and the summary above the charts: one unit (a decided version) throughout.
    for (const w of curve.weekly) {
      const { rate, low, high } = wilsonInterval(w.accepted, w.decisions);
      expect([w.rate, w.low, w.high]).toEqual([rate, low, high]);
    }
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    expect(sum(curve.weekly.map((w) => w.decisions))).toBe(curve.decisions);
    expect(sum(curve.weekly.map((w) => w.accepted))).toBe(curve.accepted);
    expect(sum(curve.bins.map((bin) => bin.n))).toBe(curve.decisions);
    // A: S1 (n1 ✓), S2 (n2 ✓ in the end), S6 (n3 ✓); B: S5 (n1 ✗).
    expect(curve.byNthSubmission.map((r) => [r.n, r.decisions, r.accepted])).toEqual([
      [1, 2, 1],
      [2, 1, 1],
      [3, 1, 1],
    ]);
  });

  it('supply versus demand per request, and rejection reasons by dimension', async () => {
    const result = await operator.client.analytics.supplyDemand.query({});
    expect(result.requests).toHaveLength(1);
    // Latest scored versions: S1v1 (150 rows), S2v2 (120), S5v1 (80; schema finding, context 45, score 55 < 60).
    expect(result.requests[0]).toEqual({
      requestId: data.requestId,
      title: 'Tickets by urgency',
      status: 'open',
      submissionsWanted: 5,
      minRows: 100,
      rowsWanted: 500,
      drafts: 4,
      submitted: 3,
      accepted: 2,
      rowsSupplied: 350,
      rowsAccepted: 270,
      scored: 3,
      failing: { licence: 0, schema: 1 / 3, context: 1 / 3, quality: 1 / 3 },
      budgetCents: 5000,
      paidCents: 2000,
      budgetUsed: 0.4,
    });
    // Rejections: S2v1 (provenance + context), S5 (structure): each dimension in 1 of 2.
    expect(result.rejections).toBe(2);
    expect(result.rejectionsByDimension).toEqual([
      { dimension: 'context', reviews: 1, share: 0.5 },
      { dimension: 'provenance', reviews: 1, share: 0.5 },
      { dimension: 'structure', reviews: 1, share: 0.5 },
    ]);
    expect(result.topRejectionDimension).toBe('context');
    expect(result.rejectionReasons.map((r) => r.code)).toEqual([
      'context.missing-datasheet',
      'provenance.license',
      'structure.label-quality',
    ]);
  });

  it('rollups are derived: a rebuild from the event log gives the same metrics', async () => {
    const before = await operator.client.analytics.funnel.query({});
    await rebuildAnalytics(withAnalyticsTables(app.services.db), dialect);
    expect(await operator.client.analytics.funnel.query({})).toEqual(before);
    const facts = await withAnalyticsTables(app.services.db)
      .selectFrom('analytics_submission_fact')
      .select('submission_id')
      .execute();
    expect(facts).toHaveLength(6);
  });

  it('new events show up in the next answer', async () => {
    const events = [
      { type: 'file.attached' as const, submissionId: data.submissions.S4, at: T0 + 8 * D + 2 * H },
    ];
    await appendEvents(app.services.db, events);
    const funnel = await operator.client.analytics.funnel.query({});
    expect(steps(funnel).slice(0, 2)).toEqual([6, 6]);
  });
});

// The rollups are folded page by page and refresh by refresh, in whatever order events become visible; they
// must end up as a rebuild from the whole log would make them.
describe.each(dialects)('analytics rollups on %s', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(dialect);
  });
  afterAll(() => app?.stop());

  it('numbers a contributor’s submissions by first submit, whatever order the events are folded in', async () => {
    const db = withAnalyticsTables(app.services.db);
    const contributor = (await app.signUp()).userId;
    const [x, y, z] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const event = (
      submissionId: string,
      type: EventType,
      at: number,
      props: Record<string, unknown> = {},
    ) => ({
      type,
      submissionId,
      actorId: contributor,
      at,
      props,
    });
    const ranks = async () => {
      const rows = await db
        .selectFrom('analytics_submission_fact')
        .select(['submission_id', 'submitted_rank'])
        .where('submission_id', 'in', [x, y, z])
        .execute();
      return Object.fromEntries(rows.map((r) => [r.submission_id, r.submitted_rank]));
    };
    // A metric call folds what is new since the last one.
    const operator = await createOperator(app);
    const refresh = () => operator.client.analytics.funnel.query({});

    // z, submitted last, is folded first; then x (submitted first) with its creation; then y, whose
    // `submission.created` — the event naming its contributor — arrives only after its submit.
    await appendEvents(app.services.db, [
      event(z, 'submission.created', T0),
      event(z, 'version.submitted', T0 + 3 * H),
    ]);
    await refresh();
    expect(await ranks()).toEqual({ [z]: 1 });
    await appendEvents(app.services.db, [
      event(x, 'submission.created', T0),
      event(x, 'version.submitted', T0 + H),
    ]);
    await refresh();
    expect(await ranks()).toEqual({ [x]: 1, [z]: 2 });
    await appendEvents(app.services.db, [
      { type: 'version.submitted', submissionId: y, at: T0 + 2 * H, props: {} },
      event(y, 'validation.failed', T0 + 2 * H - 1, { count: 2 }),
    ]);
    await refresh();
    expect(await ranks()).toEqual({ [x]: 1, [z]: 2, [y]: null });
    await appendEvents(app.services.db, [event(y, 'submission.created', T0)]);
    const funnel = await refresh();
    const folded = await ranks();
    expect(folded).toEqual({ [x]: 1, [y]: 2, [z]: 3 });
    // The stored cohort week and furthest step merged across the refreshes: three drafts of T0's week, all
    // submitted (y's week arrived last, with its creation).
    expect(funnel.byCohort).toEqual([{ week: '2025-03-03', steps: funnel.steps }]);
    expect(funnel.steps.map((step) => step.count)).toEqual([3, 3, 3, 3, 3, 0, 0, 0]);

    const validation = async () => (await operator.client.analytics.friction.query({})).validation;
    expect(await validation()).toMatchObject({
      drafts: 3,
      draftsWithErrors: 1,
      failedAttempts: 1,
      errors: 2,
    });
    // Replaying the whole log onto the rollups (as after a lost cursor) changes nothing.
    await db.deleteFrom('analytics_cursor').execute();
    await refresh();
    expect(await ranks()).toEqual(folded);
    expect(await validation()).toMatchObject({ failedAttempts: 1, errors: 2 });
    // Nor does a rebuild from scratch.
    await rebuildAnalytics(db, dialect);
    expect(await ranks()).toEqual(folded);
    expect(await refresh()).toEqual(funnel);
    expect(await validation()).toMatchObject({ failedAttempts: 1, errors: 2 });
  });
});
