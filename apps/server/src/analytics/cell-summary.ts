import { FUNNEL_STEPS, NTH_SUBMISSION_CAP, REASON_CODES, type ReasonCode } from '@assay/schema';
import type { SubmissionFactTable } from './tables.ts';

// A cell summary holds, for a set of submissions, every count the funnel, friction and supply metrics add
// up. Summaries merge by addition, so a metric over many cells is the merge of their summaries; and one is a
// pure function of its submissions' facts (`summariseFacts`), which is how the refresh stores a cell and how
// a metric summarises the submissions of a week that its filter cuts through.

/** The context-dimension score below which a version fails a request's context requirement. */
export const CONTEXT_PASS_SCORE = 50;

/** The submission-fact columns a summary reads. */
export type CellFact = Pick<
  SubmissionFactTable,
  | 'submission_id'
  | 'request_id'
  | 'created_week'
  | 'created_at'
  | 'furthest_step'
  | 'submitted_at'
  | 'accepted_at'
  | 'abandoned_at'
  | 'withdrawn_at'
  | 'last_at'
  | 'last_finding_code'
  | 'last_field'
  | 'scored_number'
  | 'scored_rows'
  | 'scored_overall'
  | 'scored_context'
  | 'scored_fails_licence'
  | 'scored_fails_schema'
  | 'accepted_number'
  | 'accepted_rows'
  | 'paid_cents'
  | 'submit_ms'
  | 'decided_at'
  | 'submitted_rank'
>;

/** A decided version of a cell's submission. */
export interface CellDecision {
  submission_id: string;
  decision: string;
  reason_codes: string;
  latency_ms: number | null;
  decided_week: number;
  overall: number | null;
  structure: number | null;
  context: number | null;
  provenance: number | null;
}

/** A submission's `validation.failed` events: how many, and their errors. */
export interface CellValidation {
  submission_id: string;
  attempts: number;
  errors: number;
}

/** Never-submitted drafts of one kind, and what they saw last. */
export interface LastSeenCounts {
  n: number;
  findings: Map<string, number>;
  fields: Map<string, number>;
}

export interface CellSummary {
  drafts: number;
  /** Submissions by furthest funnel step (0 draft started … 7 accepted). */
  furthest: number[];
  submitted: number;
  accepted: number;
  /** Submissions with a scored version, judged on the latest one below. */
  scored: number;
  scoredRows: number;
  acceptedRows: number;
  failsLicence: number;
  failsSchema: number;
  failsContext: number;
  /** Latest scored version's overall score → submissions (a request's quality bar is applied at query time). */
  scoredOverall: Map<number, number>;
  paidCents: number;
  /** Accepted version's number → submissions. */
  acceptedNumber: Map<number, number>;
  validationAttempts: number;
  validationErrors: number;
  draftsWithErrors: number;
  /** Never submitted and abandoned or withdrawn on purpose. */
  unsubmittedClosed: LastSeenCounts;
  /** Never submitted, still open (abandoned only once idle). */
  unsubmittedOpen: LastSeenCounts;
  /** Draft start → first submit, and scored → decided, as counts per {@link durationBucket}. */
  submitBuckets: Map<number, number>;
  latencyBuckets: Map<number, number>;
  /** Reject and request-changes decisions. */
  rejections: number;
  /** Reason code → rejections citing it; dimension → rejections citing it at least once. */
  rejectionCodes: Map<string, number>;
  rejectionDimensions: Map<string, number>;
  /** Decided submissions, and accepted ones, by the contributor's nth submission (capped at NTH_SUBMISSION_CAP). */
  nthDecided: Map<number, number>;
  nthAccepted: Map<number, number>;
}

/**
 * What the acceptance curve reads, kept apart from the counts since it has an entry per decision: decisions
 * with an overall score as `[decided week, overall, decisions, accepted]` groups, and the structure, context
 * and provenance scores with the outcome (1 accepted) of each decision that has all three, four numbers each.
 */
export interface CellCurve {
  byWeekScore: Map<string, [week: number, overall: number, decisions: number, accepted: number]>;
  dimensions: number[];
}

export const emptyCurve = (): CellCurve => ({ byWeekScore: new Map(), dimensions: [] });

/** A curve as stored and read: its groups in a plain array (reading builds no map). */
export interface StoredCurve {
  groups: [week: number, overall: number, decisions: number, accepted: number][];
  dimensions: number[];
}

export const toStoredCurve = (curve: CellCurve): StoredCurve => ({
  groups: [...curve.byWeekScore.values()],
  dimensions: curve.dimensions,
});

export const emptyLastSeen = (): LastSeenCounts => ({ n: 0, findings: new Map(), fields: new Map() });

export const emptySummary = (): CellSummary => ({
  drafts: 0,
  furthest: new Array<number>(FUNNEL_STEPS.length).fill(0),
  submitted: 0,
  accepted: 0,
  scored: 0,
  scoredRows: 0,
  acceptedRows: 0,
  failsLicence: 0,
  failsSchema: 0,
  failsContext: 0,
  scoredOverall: new Map(),
  paidCents: 0,
  acceptedNumber: new Map(),
  validationAttempts: 0,
  validationErrors: 0,
  draftsWithErrors: 0,
  unsubmittedClosed: emptyLastSeen(),
  unsubmittedOpen: emptyLastSeen(),
  submitBuckets: new Map(),
  latencyBuckets: new Map(),
  rejections: 0,
  rejectionCodes: new Map(),
  rejectionDimensions: new Map(),
  nthDecided: new Map(),
  nthAccepted: new Map(),
});

export function addCount<K>(map: Map<K, number>, key: K, n = 1): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

function addAll<K>(into: Map<K, number>, from: Map<K, number>, sign = 1): void {
  for (const [key, n] of from) addCount(into, key, sign * n);
}

/** Whether a never-submitted draft was closed on purpose (abandoned or withdrawn) rather than left open. */
export const isClosedDraft = (fact: CellFact) => fact.abandoned_at !== null || fact.withdrawn_at !== null;

/** Adds one draft's last finding and field to `counts` (sign −1 takes them out again). */
export function addLastSeen(counts: LastSeenCounts, fact: CellFact, sign = 1): void {
  counts.n += sign;
  if (fact.last_finding_code !== null) addCount(counts.findings, fact.last_finding_code, sign);
  if (fact.last_field !== null) addCount(counts.fields, fact.last_field, sign);
}

/** Adds one submission, with its decisions and validation failures, to a summary. */
export function addFact(
  summary: CellSummary,
  fact: CellFact,
  decisions: readonly CellDecision[],
  validation: CellValidation | undefined,
): void {
  summary.drafts += 1;
  summary.furthest[fact.furthest_step] = (summary.furthest[fact.furthest_step] ?? 0) + 1;
  if (fact.submitted_at !== null) summary.submitted += 1;
  else addLastSeen(isClosedDraft(fact) ? summary.unsubmittedClosed : summary.unsubmittedOpen, fact);
  if (fact.accepted_at !== null) summary.accepted += 1;
  if (fact.scored_number !== null) summary.scored += 1;
  summary.scoredRows += fact.scored_rows ?? 0;
  summary.acceptedRows += fact.accepted_rows ?? 0;
  summary.failsLicence += fact.scored_fails_licence ?? 0;
  summary.failsSchema += fact.scored_fails_schema ?? 0;
  if (fact.scored_context !== null && fact.scored_context < CONTEXT_PASS_SCORE) summary.failsContext += 1;
  if (fact.scored_overall !== null) addCount(summary.scoredOverall, fact.scored_overall);
  summary.paidCents += fact.paid_cents ?? 0;
  if (fact.accepted_number !== null) addCount(summary.acceptedNumber, fact.accepted_number);
  if (fact.submit_ms !== null) addCount(summary.submitBuckets, durationBucket(fact.submit_ms));
  if (validation && validation.attempts > 0) {
    summary.validationAttempts += validation.attempts;
    summary.validationErrors += validation.errors;
    summary.draftsWithErrors += 1;
  }
  if (fact.submitted_rank !== null && fact.decided_at !== null) {
    const n = Math.min(fact.submitted_rank, NTH_SUBMISSION_CAP);
    addCount(summary.nthDecided, n);
    if (fact.accepted_at !== null) addCount(summary.nthAccepted, n);
  }
  for (const decision of decisions) {
    if (decision.latency_ms !== null) addCount(summary.latencyBuckets, durationBucket(decision.latency_ms));
    if (decision.decision !== 'accept') addRejection(summary, decision.reason_codes);
  }
}

/** A reject or request-changes decision: its reason codes (a JSON array) and the dimensions they name. */
function addRejection(summary: CellSummary, reasonCodes: string): void {
  summary.rejections += 1;
  const dimensions = new Set<string>();
  for (const code of parseCodes(reasonCodes)) {
    addCount(summary.rejectionCodes, code);
    dimensions.add(dimensionOf(code));
  }
  for (const dimension of dimensions) addCount(summary.rejectionDimensions, dimension);
}

function parseCodes(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((code): code is string => typeof code === 'string') : [];
  } catch {
    return [];
  }
}

/** The dimension of a reason code (REASON_CODES in packages/schema); 'unknown' for a code it lacks. */
export function dimensionOf(code: string): string {
  return Object.hasOwn(REASON_CODES, code) ? REASON_CODES[code as ReasonCode].dimension : 'unknown';
}

/** Adds a submission's decisions to a curve. */
export function addDecisions(curve: CellCurve, decisions: readonly CellDecision[]): void {
  for (const d of decisions) {
    if (d.overall === null) continue;
    const accepted = d.decision === 'accept' ? 1 : 0;
    const key = `${d.decided_week}|${d.overall}`;
    const group = curve.byWeekScore.get(key);
    if (group) {
      group[2] += 1;
      group[3] += accepted;
    } else {
      curve.byWeekScore.set(key, [d.decided_week, d.overall, 1, accepted]);
    }
    if (d.structure !== null && d.context !== null && d.provenance !== null) {
      curve.dimensions.push(d.structure, d.context, d.provenance, accepted);
    }
  }
}

/** Adds `from` into `into`. */
export function mergeCurve(into: CellCurve, from: CellCurve): CellCurve {
  for (const [key, [week, overall, n, accepted]] of from.byWeekScore) {
    const group = into.byWeekScore.get(key);
    if (group) {
      group[2] += n;
      group[3] += accepted;
    } else {
      into.byWeekScore.set(key, [week, overall, n, accepted]);
    }
  }
  for (const value of from.dimensions) into.dimensions.push(value);
  return into;
}

export function serialiseCurve(curve: CellCurve): string {
  return JSON.stringify(toStoredCurve(curve));
}

export const parseCurve = (text: string) => JSON.parse(text) as StoredCurve;

/**
 * Adds `from` into `into` (sign −1 takes it out: every part is a count, so the difference of two summaries
 * is exact).
 */
export function mergeSummary(into: CellSummary, from: CellSummary, sign = 1): CellSummary {
  into.drafts += sign * from.drafts;
  from.furthest.forEach((n, step) => {
    into.furthest[step] = (into.furthest[step] ?? 0) + sign * n;
  });
  into.submitted += sign * from.submitted;
  into.accepted += sign * from.accepted;
  into.scored += sign * from.scored;
  into.scoredRows += sign * from.scoredRows;
  into.acceptedRows += sign * from.acceptedRows;
  into.failsLicence += sign * from.failsLicence;
  into.failsSchema += sign * from.failsSchema;
  into.failsContext += sign * from.failsContext;
  addAll(into.scoredOverall, from.scoredOverall, sign);
  into.paidCents += sign * from.paidCents;
  addAll(into.acceptedNumber, from.acceptedNumber, sign);
  into.validationAttempts += sign * from.validationAttempts;
  into.validationErrors += sign * from.validationErrors;
  into.draftsWithErrors += sign * from.draftsWithErrors;
  mergeLastSeen(into.unsubmittedClosed, from.unsubmittedClosed, sign);
  mergeLastSeen(into.unsubmittedOpen, from.unsubmittedOpen, sign);
  addAll(into.submitBuckets, from.submitBuckets, sign);
  addAll(into.latencyBuckets, from.latencyBuckets, sign);
  into.rejections += sign * from.rejections;
  addAll(into.rejectionCodes, from.rejectionCodes, sign);
  addAll(into.rejectionDimensions, from.rejectionDimensions, sign);
  addAll(into.nthDecided, from.nthDecided, sign);
  addAll(into.nthAccepted, from.nthAccepted, sign);
  return into;
}

export function mergeLastSeen(into: LastSeenCounts, from: LastSeenCounts, sign = 1): void {
  into.n += sign * from.n;
  addAll(into.findings, from.findings, sign);
  addAll(into.fields, from.fields, sign);
}

export interface SummarisedCell {
  week: number;
  requestKey: string;
  summary: CellSummary;
  curve: CellCurve;
}

/**
 * Summaries of facts per (week, request) key: `weekKey(week)` and `requestKey(request)` — the cells' own key.
 * `decisions` and `validations` are those of the facts' submissions.
 */
export function summariseFacts(
  facts: readonly CellFact[],
  decisions: readonly CellDecision[],
  validations: readonly CellValidation[],
): Map<string, SummarisedCell> {
  const decisionsBy = new Map<string, CellDecision[]>();
  for (const decision of decisions) {
    const list = decisionsBy.get(decision.submission_id);
    if (list) list.push(decision);
    else decisionsBy.set(decision.submission_id, [decision]);
  }
  const validationBy = new Map(validations.map((v) => [v.submission_id, v] as const));
  const cells = new Map<string, SummarisedCell>();
  for (const fact of facts) {
    const week = weekKey(fact.created_week);
    const key = requestKey(fact.request_id);
    const id = `${week}|${key}`;
    let cell = cells.get(id);
    if (!cell) {
      cell = { week, requestKey: key, summary: emptySummary(), curve: emptyCurve() };
      cells.set(id, cell);
    }
    const decided = decisionsBy.get(fact.submission_id) ?? [];
    addFact(cell.summary, fact, decided, validationBy.get(fact.submission_id));
    addDecisions(cell.curve, decided);
  }
  return cells;
}

/** A cell's week: the cohort week, or -1 when the draft's start is unknown. */
export const weekKey = (week: number | null) => (week === null ? -1 : Number(week));
/** A cell's request: the request id, or '' for none. */
export const requestKey = (requestId: string | null) => requestId ?? '';
/** The request id of a cell's request key (the inverse of {@link requestKey}). */
export const requestIdOf = (key: string) => (key === '' ? null : key);

// Maps are serialised as parallel arrays of keys and counts — map keys are client-sent strings (finding codes,
// fields), which as object keys could be `__proto__`, and pairs would cost an array each to parse. Zero counts
// (left by a difference) are dropped, so equal summaries serialise alike.
export function serialiseSummary(summary: CellSummary): string {
  return JSON.stringify(summary, (_key, value: unknown) => {
    if (!(value instanceof Map)) return value;
    const keys: unknown[] = [];
    const counts: number[] = [];
    for (const [key, n] of value as Map<unknown, number>) {
      if (n === 0) continue;
      keys.push(key);
      counts.push(n);
    }
    return { keys, counts };
  });
}

/**
 * What the funnel and the supply metric read of a summary: each is stored in a column of its own too, so they
 * parse a few fields rather than every map.
 */
export const SUMMARY_PARTS = {
  funnel: ['drafts', 'furthest'],
  supply: [
    'drafts',
    'submitted',
    'accepted',
    'scored',
    'scoredRows',
    'acceptedRows',
    'failsLicence',
    'failsSchema',
    'failsContext',
    'scoredOverall',
    'paidCents',
    'rejections',
    'rejectionCodes',
    'rejectionDimensions',
  ],
} as const satisfies Record<string, readonly (keyof CellSummary)[]>;
export type SummaryPart = keyof typeof SUMMARY_PARTS;

/** A part of a summary, serialised: only its fields. */
export function serialiseSummaryPart(summary: CellSummary, part: SummaryPart): string {
  const picked: Partial<Record<keyof CellSummary, unknown>> = {};
  for (const field of SUMMARY_PARTS[part]) picked[field] = summary[field];
  return serialiseSummary(picked as CellSummary);
}

/** A serialised summary, or a part of one (the fields it lacks are zero). */
export function parseSummary(text: string): CellSummary {
  const raw = JSON.parse(text) as Record<string, unknown>;
  const map = <K>(value: unknown) => {
    const result = new Map<K, number>();
    if (value === undefined) return result;
    const { keys, counts } = value as { keys: K[]; counts: number[] };
    for (let i = 0; i < keys.length; i++) result.set(keys[i] as K, counts[i] as number);
    return result;
  };
  const lastSeen = (value: unknown): LastSeenCounts => {
    if (value === undefined) return emptyLastSeen();
    const v = value as { n: number; findings: unknown; fields: unknown };
    return { n: v.n, findings: map<string>(v.findings), fields: map<string>(v.fields) };
  };
  return {
    ...emptySummary(),
    ...(raw as Partial<CellSummary>),
    scoredOverall: map<number>(raw.scoredOverall),
    acceptedNumber: map<number>(raw.acceptedNumber),
    unsubmittedClosed: lastSeen(raw.unsubmittedClosed),
    unsubmittedOpen: lastSeen(raw.unsubmittedOpen),
    submitBuckets: map<number>(raw.submitBuckets),
    latencyBuckets: map<number>(raw.latencyBuckets),
    rejectionCodes: map<string>(raw.rejectionCodes),
    rejectionDimensions: map<string>(raw.rejectionDimensions),
    nthDecided: map<number>(raw.nthDecided),
    nthAccepted: map<number>(raw.nthAccepted),
  };
}

/**
 * Lower bounds of the duration buckets in ms: 1, then 2^(i/16) rounded, strictly increasing, to beyond any
 * duration (2^50 ms is 35,000 years). Bucket 0 holds durations below 1 ms (zero or negative, from skewed
 * clocks); bucket k ≥ 1 holds [BOUNDS[k − 1], BOUNDS[k]). Integers, so SQL range tests select exactly a
 * bucket's rows; 16 a doubling keeps the bucket an exact quantile must read to about 4% of the durations
 * of that size.
 */
export const DURATION_BOUNDS: readonly number[] = (() => {
  const bounds: number[] = [];
  for (let i = 0; i <= 50 * 16; i++) {
    const bound = Math.round(2 ** (i / 16));
    if (bound > (bounds.at(-1) ?? 0)) bounds.push(bound);
  }
  return bounds;
})();

/** The bucket of a duration in ms: the number of bounds at or below it. */
export function durationBucket(ms: number): number {
  let lo = 0;
  let hi = DURATION_BOUNDS.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((DURATION_BOUNDS[mid] as number) <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A bucket's [low, high) range in ms; null for an open end. */
export function bucketRange(bucket: number): { low: number | null; high: number | null } {
  return {
    low: bucket === 0 ? null : (DURATION_BOUNDS[bucket - 1] as number),
    high: bucket >= DURATION_BOUNDS.length ? null : (DURATION_BOUNDS[bucket] as number),
  };
}
