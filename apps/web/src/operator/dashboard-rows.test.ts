import { FUNNEL_STEPS } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import type { RouterOutputs } from '../lib/trpc.ts';
import {
  budgetRows,
  cohortRows,
  dimensionRows,
  frictionFacts,
  funnelBarLabel,
  funnelRows,
  lastFieldRows,
  learningRows,
  requestFunnelRows,
  requirementRows,
  rowDemandRows,
  timeCaption,
  timeRows,
  versionRows,
  weeklyRows,
  weeklyTooltipLines,
} from './dashboard-rows.ts';

type Friction = RouterOutputs['analytics']['friction'];
type Supply = RouterOutputs['analytics']['supplyDemand'];
type Curve = RouterOutputs['analytics']['acceptanceCurve'];
type Funnel = RouterOutputs['analytics']['funnel'];

/** Funnel steps from counts in FUNNEL_STEPS order, with fromStart as the server computes it. */
function steps(counts: number[]) {
  return FUNNEL_STEPS.map((step, i) => ({
    step,
    count: counts[i]!,
    conversion: i === 0 || counts[i - 1] === 0 ? null : counts[i]! / counts[i - 1]!,
    fromStart: counts[0] === 0 ? null : counts[i]! / counts[0]!,
  }));
}

function friction(overrides: Partial<Friction> = {}): Friction {
  return {
    draftToSubmit: { n: 0, medianMs: null, p90Ms: null },
    abandonment: { idleHours: 72, eligible: 0, abandoned: 0, rate: null, lastFindings: [], lastFields: [] },
    validation: {
      drafts: 0,
      draftsWithErrors: 0,
      failedAttempts: 0,
      errors: 0,
      errorsPerDraft: null,
      shareWithErrors: null,
    },
    versionsUntilAcceptance: { accepted: 0, mean: null, median: null, distribution: [] },
    reviewLatency: { n: 0, medianMs: null, p90Ms: null },
    ...overrides,
  };
}

describe('funnelRows', () => {
  // A future range showed eight empty bars on an axis of 0 to 4 while every other chart said "No data".
  it('has no rows when no step has a count, else a row per step', () => {
    const funnel = (counts: number[]) =>
      ({ steps: steps(counts), byCohort: [], byRequest: [] }) as unknown as Funnel;
    expect(funnelRows(funnel([0, 0, 0, 0, 0, 0, 0, 0]))).toEqual([]);
    expect(funnelRows(undefined)).toEqual([]);
    expect(funnelRows(funnel([10, 8, 6, 5, 4, 4, 3, 2])).map((row) => row.count)).toEqual([
      10, 8, 6, 5, 4, 4, 3, 2,
    ]);
  });
});

describe('requestFunnelRows', () => {
  it('gives each request its drafts and the shares that reached submission and acceptance, no request apart', () => {
    const funnel = {
      steps: steps([12, 9, 9, 7, 6, 6, 4, 2]),
      byRequest: [
        { requestId: 'r-1', title: 'Support tickets by urgency', steps: steps([8, 7, 7, 5, 4, 4, 3, 2]) },
        { requestId: null, title: null, steps: steps([3, 1, 1, 1, 1, 1, 0, 0]) },
        { requestId: 'r-2', title: null, steps: steps([1, 1, 1, 1, 1, 1, 1, 0]) },
      ],
      byCohort: [],
    } satisfies Funnel;
    expect(requestFunnelRows(funnel)).toEqual([
      { request: 'Support tickets by urgency', drafts: 8, submitted_pct: 50, accepted_pct: 25 },
      { request: 'No request', drafts: 3, submitted_pct: 33.3, accepted_pct: 0 },
      // A request whose title is unknown (deleted since) is named by its id.
      { request: 'r-2', drafts: 1, submitted_pct: 100, accepted_pct: 0 },
    ]);
    expect(requestFunnelRows(undefined)).toEqual([]);
  });
});

describe('cohortRows', () => {
  it('gives each week its drafts and the shares that reached submission and acceptance', () => {
    const funnel = {
      steps: steps([10, 8, 8, 6, 5, 5, 4, 2]),
      byCohort: [
        { week: '2026-11-02', steps: steps([8, 7, 7, 5, 4, 4, 3, 2]) },
        { week: '2026-11-09', steps: steps([2, 1, 1, 1, 1, 1, 1, 0]) },
      ],
      byRequest: [],
    } satisfies Funnel;
    expect(cohortRows(funnel)).toEqual([
      { week: '2026-11-02', drafts: 8, submitted_pct: 50, accepted_pct: 25 },
      { week: '2026-11-09', drafts: 2, submitted_pct: 50, accepted_pct: 0 },
    ]);
    expect(cohortRows(undefined)).toEqual([]);
  });
});

describe('weeklyRows', () => {
  // A week of two decisions, both rejected, drew a bare 0% beside a week of forty: it read as a collapse.
  it("keeps each week's decided versions and its Wilson interval, as distances for the error bars", () => {
    const curve = {
      weekly: [
        {
          week: '2026-11-16',
          decisions: 40,
          accepted: 30,
          rate: 0.75,
          low: 0.598,
          high: 0.858,
          medianScore: 71,
        },
        { week: '2026-11-23', decisions: 2, accepted: 0, rate: 0, low: 0, high: 0.658, medianScore: 52.5 },
      ],
    } as Pick<Curve, 'weekly'> as Curve;
    const rows = weeklyRows(curve);
    expect(rows[0]).toMatchObject({
      week: '2026-11-16',
      decisions: 40,
      accepted: 30,
      acceptance_pct: 75,
      ci_low_pct: 59.8,
      ci_high_pct: 85.8,
      median_score: 71,
    });
    expect(rows[0]!.error[0]).toBeCloseTo(15.2, 6);
    expect(rows[0]!.error[1]).toBeCloseTo(10.8, 6);
    expect(rows[1]).toMatchObject({ decisions: 2, accepted: 0, acceptance_pct: 0, ci_high_pct: 65.8 });
    expect(rows[1]!.error).toEqual([0, 65.8]);
    expect(weeklyRows(undefined)).toEqual([]);
  });

  it('says in the tooltip how many decided versions a week holds, beside its rate and interval', () => {
    const curve = {
      weekly: [
        { week: '2026-11-23', decisions: 2, accepted: 0, rate: 0, low: 0, high: 0.658, medianScore: 52.5 },
        { week: '2026-11-30', decisions: 1, accepted: 1, rate: 1, low: 0.207, high: 1, medianScore: null },
      ],
    } as Pick<Curve, 'weekly'> as Curve;
    const [thin, one] = weeklyRows(curve);
    expect(weeklyTooltipLines(thin!)).toEqual([
      'Week from 2026-11-23',
      '2 decided versions, 0 accepted',
      'Acceptance 0% (95% interval 0–65.8%)',
      'Median score 52.5',
    ]);
    expect(weeklyTooltipLines(one!).slice(1)).toEqual([
      '1 decided version, 1 accepted',
      'Acceptance 100% (95% interval 20.7–100%)',
      'Median score —',
    ]);
  });
});

describe('learningRows', () => {
  it('charts decided buckets in percent with their interval as distances, the last as 10+', () => {
    const curve = {
      byNthSubmission: [
        { n: 1, decisions: 4, accepted: 1, rate: 0.25, low: 0.046, high: 0.699 },
        { n: 2, decisions: 0, accepted: 0, rate: 0, low: 0, high: 0 },
        { n: 10, decisions: 2, accepted: 2, rate: 1, low: 0.342, high: 1 },
      ],
    } as Pick<Curve, 'byNthSubmission'> as Curve;
    const rows = learningRows(curve);
    // Every n up to the last decided one has its place on the axis; undecided ones have no rate.
    expect(rows.map((row) => row.nth)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10+']);
    expect(rows[0]).toMatchObject({ decisions: 4, accepted: 1, acceptance_pct: 25, ci_low_pct: 4.6 });
    expect(rows[0]!.error[0]).toBeCloseTo(20.4, 6);
    expect(rows[0]!.error[1]).toBeCloseTo(44.9, 6);
    expect(rows[1]).toMatchObject({
      decisions: 0,
      acceptance_pct: null,
      ci_low_pct: null,
      ci_high_pct: null,
    });
    expect(rows[9]).toMatchObject({ decisions: 2, acceptance_pct: 100 });
    expect(rows[9]!.error).toEqual([65.8, 0]);
  });

  it('has no rows before anything is decided, and stops at the last decided n', () => {
    expect(learningRows(undefined)).toEqual([]);
    const curve = {
      byNthSubmission: [
        { n: 1, decisions: 0, accepted: 0, rate: 0, low: 0, high: 0 },
        { n: 2, decisions: 1, accepted: 0, rate: 0, low: 0, high: 0.79 },
        { n: 3, decisions: 0, accepted: 0, rate: 0, low: 0, high: 0 },
      ],
    } as Pick<Curve, 'byNthSubmission'> as Curve;
    expect(learningRows(curve).map((row) => [row.nth, row.acceptance_pct])).toEqual([
      ['1', null],
      ['2', 0],
    ]);
  });
});

describe('versionRows and lastFieldRows', () => {
  it('keep the distribution in order and name fields as the form does', () => {
    const f = friction({
      versionsUntilAcceptance: {
        accepted: 5,
        mean: 1.4,
        median: 1,
        distribution: [
          { versions: 1, count: 3 },
          { versions: 2, count: 2 },
        ],
      },
      abandonment: {
        idleHours: 72,
        eligible: 10,
        abandoned: 4,
        rate: 0.4,
        lastFindings: [],
        lastFields: [
          { value: 'provenance.license', count: 3, share: 0.75 },
          { value: 'a.field.the.form.lacks', count: 1, share: 0.25 },
        ],
      },
    });
    expect(versionRows(f)).toEqual([
      { version: '1', accepted: 3 },
      { version: '2', accepted: 2 },
    ]);
    expect(lastFieldRows(f)).toEqual([
      { field: 'provenance.license', label: 'Licence (SPDX identifier)', drafts: 3, share_pct: 75 },
      { field: 'a.field.the.form.lacks', label: 'a.field.the.form.lacks', drafts: 1, share_pct: 25 },
    ]);
  });
});

describe('requirementRows', () => {
  it('shows failing shares of scored requests only, with the budget used', () => {
    const request = {
      requestId: 'r1',
      title: 'Tickets',
      status: 'open',
      submissionsWanted: 10,
      minRows: 100,
      rowsWanted: 1000,
      drafts: 6,
      submitted: 5,
      accepted: 2,
      rowsSupplied: 900,
      rowsAccepted: 400,
      scored: 4,
      failing: { licence: 0.25, schema: 0.5, context: 0, quality: 0.75 },
      budgetCents: 10_000,
      paidCents: 2_000,
      budgetUsed: 0.2,
    };
    const supply = {
      requests: [
        request,
        {
          ...request,
          requestId: 'r2',
          title: 'Nothing scored',
          scored: 0,
          failing: { licence: null, schema: null, context: null, quality: null },
        },
      ],
      rejectionsByDimension: [],
      rejectionReasons: [],
      rejections: 0,
      topRejectionDimension: null,
    } satisfies Supply;
    expect(requirementRows(supply)).toEqual([
      {
        request: 'Tickets',
        scored: 4,
        licence_pct: 25,
        schema_pct: 50,
        context_pct: 0,
        quality_pct: 75,
        budget_used_pct: 20,
      },
    ]);
  });
});

describe('rowDemandRows and budgetRows', () => {
  it('give each request its rows wanted, supplied and accepted, and its budget offered and paid in euros', () => {
    const request = {
      requestId: 'r1',
      title: 'Tickets',
      status: 'open',
      submissionsWanted: null,
      minRows: 100,
      rowsWanted: null,
      drafts: 1,
      submitted: 1,
      accepted: 1,
      rowsSupplied: 250,
      rowsAccepted: 120,
      scored: 1,
      failing: { licence: 0, schema: 0, context: 0, quality: 0 },
      budgetCents: 12_345,
      paidCents: 2_500,
      budgetUsed: 2_500 / 12_345,
    };
    const supply = {
      requests: [request],
      rejectionsByDimension: [],
      rejectionReasons: [],
      rejections: 0,
      topRejectionDimension: null,
    } satisfies Supply;
    // A zero reward wants no number of submissions: no "wanted" bar rather than 0.
    expect(rowDemandRows(supply)).toEqual([
      { request: 'Tickets', rows_wanted: null, rows_supplied: 250, rows_accepted: 120 },
    ]);
    const [budget] = budgetRows(supply);
    expect(budget).toMatchObject({ request: 'Tickets', offered_eur: 123.45, paid_eur: 25 });
    expect(budget!.used_pct).toBe(20.3);
    expect(budgetRows(undefined)).toEqual([]);
  });
});

describe('frictionFacts', () => {
  it('says each measure that has something to count, and nothing for the rest', () => {
    expect(frictionFacts(friction())).toEqual([]);
    expect(
      frictionFacts(
        friction({
          abandonment: {
            idleHours: 72,
            eligible: 40,
            abandoned: 15,
            rate: 0.375,
            lastFindings: [],
            lastFields: [],
          },
          validation: {
            drafts: 50,
            draftsWithErrors: 6,
            failedAttempts: 9,
            errors: 21,
            errorsPerDraft: 0.42,
            shareWithErrors: 0.12,
          },
          versionsUntilAcceptance: { accepted: 3, mean: 1.3333, median: 1, distribution: [] },
        }),
      ),
    ).toEqual([
      'Abandoned: 15 of 40 drafts started 72 h or more ago (37.5%)',
      'Validation errors: 0.4 per draft; 12% of drafts had one',
      'Versions until acceptance: median 1, mean 1.3 over 3 accepted',
    ]);
  });
});

describe('funnelBarLabel', () => {
  it("writes a funnel step's count and its conversion from the step before; the first step its count", () => {
    expect(funnelBarLabel({ count: 412, conversion_pct: null })).toBe('412');
    expect(funnelBarLabel({ count: 342, conversion_pct: 83 })).toBe('342 · 83%');
    expect(funnelBarLabel({ count: 0, conversion_pct: 0 })).toBe('0 · 0%');
  });
});

describe('dimensionRows', () => {
  it('names each dimension in words, fit as fit to the request, and keeps the code for the CSV', () => {
    const rows = dimensionRows({
      rejectionsByDimension: [
        { dimension: 'fit', reviews: 3, share: 0.5 },
        { dimension: 'structure', reviews: 2, share: 1 / 3 },
        { dimension: 'other', reviews: 1, share: 1 / 6 },
      ],
    } as unknown as Parameters<typeof dimensionRows>[0]);
    expect(rows.map((row) => [row.dimension, row.name, row.reviews])).toEqual([
      ['fit', 'Fit to the request', 3],
      ['structure', 'Structure', 2],
      ['other', 'other', 1],
    ]);
  });
});

describe('timeCaption', () => {
  it('names a unit only once something was measured', () => {
    expect(timeCaption(timeRows(friction()))).toBe('Median and 90th percentile');
    const hours = friction({ draftToSubmit: { n: 3, medianMs: 2 * 3_600_000, p90Ms: 5 * 3_600_000 } });
    expect(timeCaption(timeRows(hours))).toBe('Median and 90th percentile, hours');
  });
});
