import { FUNNEL_STEP_LABELS, FUNNEL_STEPS, NTH_SUBMISSION_CAP } from '@assay/schema';
import { countText } from '../lib/count-text.ts';
import { durationUnit, inUnit } from '../lib/duration-unit.ts';
import { fieldLabel } from '../lib/field-labels.ts';
import type { RouterOutputs } from '../lib/trpc.ts';

type Funnel = RouterOutputs['analytics']['funnel'];
type Friction = RouterOutputs['analytics']['friction'];
type Curve = RouterOutputs['analytics']['acceptanceCurve'];
type Supply = RouterOutputs['analytics']['supplyDemand'];

/** A share (0–1) as a percentage to one decimal; missing stays null. */
export const pct = (value: number | null | undefined) =>
  value === null || value === undefined ? null : Math.round(value * 1000) / 10;

const SUBMITTED = FUNNEL_STEPS.indexOf('submitted');
const ACCEPTED = FUNNEL_STEPS.indexOf('accepted');

/**
 * Per cohort (the week its drafts started): how many drafts, and the share of them that reached submission
 * and acceptance. A later cohort has had less time to get there, which the chart's caption says.
 */
export function cohortRows(funnel: Funnel | undefined) {
  return (funnel?.byCohort ?? []).map(({ week, steps }) => ({
    week,
    drafts: steps[0]?.count ?? 0,
    submitted_pct: pct(steps[SUBMITTED]?.fromStart),
    accepted_pct: pct(steps[ACCEPTED]?.fromStart),
  }));
}

/**
 * Per data request (largest first, as the server orders them): its drafts, and the share of them that
 * reached submission and acceptance. Drafts made to no request are a row of their own: they are never
 * reviewed, so their acceptance stays at 0.
 */
export function requestFunnelRows(funnel: Funnel | undefined) {
  return (funnel?.byRequest ?? []).map(({ requestId, title, steps }) => ({
    request: requestId === null ? 'No request' : (title ?? requestId),
    drafts: steps[0]?.count ?? 0,
    submitted_pct: pct(steps[SUBMITTED]?.fromStart),
    accepted_pct: pct(steps[ACCEPTED]?.fromStart),
  }));
}

/**
 * The learning curve: acceptance of each contributor's 1st, 2nd, … submission with its Wilson interval,
 * in percent; `error` is the interval as distances below and above the rate, for the chart's error bars.
 * The last bucket holds the {@link NTH_SUBMISSION_CAP}th submission and later. Every n up to the last
 * decided one has a row, so the axis counts evenly: an n with no decision yet has no rate (no bar) rather
 * than no place, which would read as "…, 4, 6".
 */
export function learningRows(curve: Curve | undefined) {
  const decided = new Map(
    (curve?.byNthSubmission ?? []).filter((row) => row.decisions > 0).map((row) => [row.n, row]),
  );
  const last = Math.max(0, ...decided.keys());
  return Array.from({ length: last }, (_, i) => {
    const n = i + 1;
    const nth = n >= NTH_SUBMISSION_CAP ? `${NTH_SUBMISSION_CAP}+` : String(n);
    const row = decided.get(n);
    if (!row) {
      return {
        nth,
        decisions: 0,
        accepted: 0,
        acceptance_pct: null,
        ci_low_pct: null,
        ci_high_pct: null,
        error: [0, 0] as [number, number],
      };
    }
    return { nth, ...acceptanceInPercent(row) };
  });
}

/**
 * Decided versions, accepted ones and the acceptance in percent with its Wilson 95% interval; `error` is
 * the interval as distances below and above the rate, for a chart's error bars.
 */
function acceptanceInPercent(row: {
  decisions: number;
  accepted: number;
  rate: number;
  low: number;
  high: number;
}) {
  const rate = pct(row.rate) ?? 0;
  const low = pct(row.low) ?? 0;
  const high = pct(row.high) ?? 0;
  return {
    decisions: row.decisions,
    accepted: row.accepted,
    acceptance_pct: rate,
    ci_low_pct: low,
    ci_high_pct: high,
    error: [rate - low, high - rate] as [number, number],
  };
}

/** Accepted submissions by the version that was accepted (1 = accepted first time). */
export function versionRows(friction: Friction | undefined) {
  return (friction?.versionsUntilAcceptance.distribution ?? []).map((row) => ({
    version: String(row.versions),
    accepted: row.count,
  }));
}

/** The manifest field each abandoned draft edited last, named as the datasheet form names it. */
export function lastFieldRows(friction: Friction | undefined) {
  return (friction?.abandonment.lastFields ?? []).map((row) => ({
    field: row.value,
    label: fieldLabel(row.value),
    drafts: row.count,
    share_pct: pct(row.share),
  }));
}

/**
 * Per data request, the share of its scored submissions failing each of its requirements (licence, schema,
 * context, minimum quality), and how much of its budget has been paid out. Requests with nothing scored have
 * no shares to show and are left out of the chart (their row stays in supply versus demand).
 */
export function requirementRows(supply: Supply | undefined) {
  return (supply?.requests ?? [])
    .filter((request) => request.scored > 0)
    .map((request) => ({
      request: request.title,
      scored: request.scored,
      licence_pct: pct(request.failing.licence),
      schema_pct: pct(request.failing.schema),
      context_pct: pct(request.failing.context),
      quality_pct: pct(request.failing.quality),
      budget_used_pct: pct(request.budgetUsed),
    }));
}

/**
 * The friction measures that are one number each, as sentences: abandonment, validation errors and versions
 * until acceptance. Absent measures (nothing to count yet) are left out rather than shown as 0.
 */
export function frictionFacts(friction: Friction | undefined): string[] {
  if (!friction) return [];
  const facts: string[] = [];
  const { abandonment, validation, versionsUntilAcceptance: versions } = friction;
  if (abandonment.eligible > 0) {
    facts.push(
      `Abandoned: ${abandonment.abandoned} of ${abandonment.eligible} drafts started ${abandonment.idleHours} h or more ago (${pct(abandonment.rate)}%)`,
    );
  }
  if (validation.drafts > 0) {
    facts.push(
      `Validation errors: ${round1(validation.errorsPerDraft)} per draft; ${pct(validation.shareWithErrors)}% of drafts had one`,
    );
  }
  if (versions.accepted > 0) {
    facts.push(
      `Versions until acceptance: median ${round1(versions.median)}, mean ${round1(versions.mean)} over ${versions.accepted} accepted`,
    );
  }
  return facts;
}

function round1(value: number | null): string {
  return value === null ? '—' : String(Math.round(value * 10) / 10);
}

/** The funnel's steps, named as DESIGN.md names them, with their conversions in percent. */
export function funnelRows(funnel: Funnel | undefined) {
  // A range nobody started a draft in has no funnel: "No data in this range yet", as the other charts
  // say, not eight empty bars on an axis of 0 to 4.
  if (!funnel?.steps.some((s) => s.count > 0)) return [];
  return funnel.steps.map((s) => ({
    step: s.step,
    label: FUNNEL_STEP_LABELS[s.step],
    count: s.count,
    conversion_pct: pct(s.conversion),
    from_start_pct: pct(s.fromStart),
  }));
}

/**
 * What a funnel bar says beside it: the step's count and its conversion from the step before,
 * `412 · 83.3%` (the first step, with no step before, its count alone).
 */
export function funnelBarLabel(row: { count: number; conversion_pct: number | null }): string {
  return row.conversion_pct === null ? String(row.count) : `${row.count} · ${row.conversion_pct}%`;
}

/**
 * Time from draft to submit and from scored to decided: exact milliseconds for the CSV (`rows`), and the chart's
 * figures in the unit the longest duration reads best in.
 */
export function timeRows(friction: Friction | undefined) {
  const rows = friction
    ? [
        { measure: 'Draft to submit', ...friction.draftToSubmit },
        { measure: 'Review latency', ...friction.reviewLatency },
      ]
        .filter((row) => row.n > 0)
        .map((row) => ({ measure: row.measure, n: row.n, median_ms: row.medianMs, p90_ms: row.p90Ms }))
    : [];
  const unit = durationUnit(Math.max(0, ...rows.map((row) => row.p90_ms ?? row.median_ms ?? 0)));
  const chart = rows.map((row) => ({
    measure: row.measure,
    median: inUnit(row.median_ms, unit),
    p90: inUnit(row.p90_ms, unit),
  }));
  return { rows, unit, chart };
}

/**
 * The time chart's caption: its unit only when something was measured ("in seconds" on an empty range,
 * "in hours" once there was data).
 */
export function timeCaption(time: ReturnType<typeof timeRows>): string {
  return time.rows.length > 0
    ? `Median and 90th percentile, ${time.unit.name}`
    : 'Median and 90th percentile';
}

/** The finding each abandoned draft saw last, by its rule's title. */
export function lastFindingRows(friction: Friction | undefined) {
  return (friction?.abandonment.lastFindings ?? []).map((f) => ({
    finding: f.value,
    title: f.title ?? f.value,
    drafts: f.count,
    share_pct: pct(f.share),
  }));
}

/** Acceptance per score bin with its Wilson interval (as distances from the rate, for the error bars). */
export function binRows(curve: Curve | undefined) {
  return (curve?.bins ?? [])
    .filter((bin) => bin.n > 0)
    .map((bin) => ({
      score: (bin.low + bin.high) / 2,
      bin: `${bin.low}–${bin.high}`,
      decisions: bin.n,
      accepted: bin.accepted,
      rate: bin.rate,
      ci_low: bin.ci.low,
      ci_high: bin.ci.high,
      error: [bin.rate - bin.ci.low, bin.ci.high - bin.rate] as [number, number],
    }));
}

/**
 * Per week of decisions (from Monday, UTC): the decided versions (each version counts, as in the acceptance
 * curve), how many were accepted, the acceptance in percent with its Wilson 95% interval, and the median
 * overall score ({@link acceptanceInPercent}). A week of two decisions, both rejected, is 0% with an
 * interval up to 66%: the interval, not the point, says how little such a week tells.
 */
export function weeklyRows(curve: Curve | undefined) {
  return (curve?.weekly ?? []).map((w) => ({
    week: w.week,
    ...acceptanceInPercent(w),
    median_score: w.medianScore,
  }));
}

/** What the weekly chart's tooltip says of one week, a line each; the unit is a decided version. */
export function weeklyTooltipLines(row: ReturnType<typeof weeklyRows>[number]): string[] {
  return [
    `Week from ${row.week}`,
    `${countText(row.decisions, 'decided version')}, ${row.accepted} accepted`,
    `Acceptance ${row.acceptance_pct}% (95% interval ${row.ci_low_pct}–${row.ci_high_pct}%)`,
    `Median score ${row.median_score ?? '—'}`,
  ];
}

/** Per request: submissions wanted, submitted and accepted; rows and money in the CSV. */
export function supplyRows(supply: Supply | undefined) {
  return (supply?.requests ?? []).map((r) => ({
    request: r.title,
    wanted: r.submissionsWanted,
    submitted: r.submitted,
    accepted: r.accepted,
    rows_supplied: r.rowsSupplied,
    rows_wanted: r.rowsWanted,
    paid_cents: r.paidCents,
    budget_cents: r.budgetCents,
  }));
}

/** Per request, rows wanted (what the budget pays for at the minimum rows), supplied and accepted. */
export function rowDemandRows(supply: Supply | undefined) {
  return (supply?.requests ?? []).map((r) => ({
    request: r.title,
    rows_wanted: r.rowsWanted,
    rows_supplied: r.rowsSupplied,
    rows_accepted: r.rowsAccepted,
  }));
}

/** Per request, the budget offered and what acceptances paid from it, in euros. */
export function budgetRows(supply: Supply | undefined) {
  return (supply?.requests ?? []).map((r) => ({
    request: r.title,
    offered_eur: r.budgetCents / 100,
    paid_eur: r.paidCents / 100,
    used_pct: pct(r.budgetUsed),
  }));
}

/** The reason codes' dimensions as the charts name them; `fit` is the reasons about the request itself. */
const DIMENSION_NAMES: Record<string, string> = {
  structure: 'Structure',
  context: 'Context',
  provenance: 'Provenance',
  fit: 'Fit to the request',
};

/** Rejections citing each dimension, named in words, and their share of all rejections. */
export function dimensionRows(supply: Supply | undefined) {
  return (supply?.rejectionsByDimension ?? []).map((d) => ({
    dimension: d.dimension,
    name: DIMENSION_NAMES[d.dimension] ?? d.dimension,
    reviews: d.reviews,
    share_pct: pct(d.share),
  }));
}
