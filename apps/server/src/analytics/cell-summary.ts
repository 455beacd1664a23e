import { FUNNEL_STEPS } from '@assay/schema';

// A cell summary holds, for a set of submissions, every count the funnel, friction and supply metrics add
// up. Summaries merge by addition, so a metric over many cells is the merge of their summaries; and one is a
// pure function of its submissions' facts (`summariseFacts`), which is how the refresh stores a cell and how
// a metric summarises the submissions of a week that its filter cuts through.

/** The context-dimension score below which a version fails a request's context requirement. */
export const CONTEXT_PASS_SCORE = 50;

/** The submission-fact columns a summary reads. */
export interface CellFact {
  submission_id: string;
  request_id: string | null;
  created_week: number | null;
  created_at: number | null;
  furthest_step: number;
  submitted_at: number | null;
  accepted_at: number | null;
  abandoned_at: number | null;
  withdrawn_at: number | null;
  last_at: number | null;
  last_finding_code: string | null;
  last_field: string | null;
  scored_number: number | null;
  scored_rows: number | null;
  scored_overall: number | null;
  scored_context: number | null;
  scored_fails_licence: number | null;
  scored_fails_schema: number | null;
  accepted_number: number | null;
  accepted_rows: number | null;
  paid_cents: number | null;
  submit_ms: number | null;
}

/** A decided version of a cell's submission. */
export interface CellDecision {
  submission_id: string;
  decision: string;
  reason_codes: string;
  latency_ms: number | null;
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
  /** Reason-code lists (JSON text) of reject and request-changes decisions → decisions. */
  rejectionReasons: Map<string, number>;
}

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
  rejectionReasons: new Map(),
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
  for (const decision of decisions) {
    if (decision.latency_ms !== null) addCount(summary.latencyBuckets, durationBucket(decision.latency_ms));
    if (decision.decision !== 'accept') addCount(summary.rejectionReasons, decision.reason_codes);
  }
}

/** Adds `from` into `into`. */
export function mergeSummary(into: CellSummary, from: CellSummary): CellSummary {
  into.drafts += from.drafts;
  from.furthest.forEach((n, step) => {
    into.furthest[step] = (into.furthest[step] ?? 0) + n;
  });
  into.submitted += from.submitted;
  into.accepted += from.accepted;
  into.scored += from.scored;
  into.scoredRows += from.scoredRows;
  into.acceptedRows += from.acceptedRows;
  into.failsLicence += from.failsLicence;
  into.failsSchema += from.failsSchema;
  into.failsContext += from.failsContext;
  addAll(into.scoredOverall, from.scoredOverall);
  into.paidCents += from.paidCents;
  addAll(into.acceptedNumber, from.acceptedNumber);
  into.validationAttempts += from.validationAttempts;
  into.validationErrors += from.validationErrors;
  into.draftsWithErrors += from.draftsWithErrors;
  mergeLastSeen(into.unsubmittedClosed, from.unsubmittedClosed);
  mergeLastSeen(into.unsubmittedOpen, from.unsubmittedOpen);
  addAll(into.submitBuckets, from.submitBuckets);
  addAll(into.latencyBuckets, from.latencyBuckets);
  addAll(into.rejectionReasons, from.rejectionReasons);
  return into;
}

function mergeLastSeen(into: LastSeenCounts, from: LastSeenCounts): void {
  into.n += from.n;
  addAll(into.findings, from.findings);
  addAll(into.fields, from.fields);
}

/**
 * Summaries of facts per (week, request) key: `weekKey(week)` and `requestKey(request)` — the cells' own key.
 * `decisions` and `validations` are those of the facts' submissions.
 */
export function summariseFacts(
  facts: readonly CellFact[],
  decisions: readonly CellDecision[],
  validations: readonly CellValidation[],
): Map<string, { week: number; requestKey: string; summary: CellSummary }> {
  const decisionsBy = new Map<string, CellDecision[]>();
  for (const decision of decisions) {
    const list = decisionsBy.get(decision.submission_id);
    if (list) list.push(decision);
    else decisionsBy.set(decision.submission_id, [decision]);
  }
  const validationBy = new Map(validations.map((v) => [v.submission_id, v] as const));
  const cells = new Map<string, { week: number; requestKey: string; summary: CellSummary }>();
  for (const fact of facts) {
    const week = weekKey(fact.created_week);
    const key = requestKey(fact.request_id);
    const id = `${week}|${key}`;
    let cell = cells.get(id);
    if (!cell) {
      cell = { week, requestKey: key, summary: emptySummary() };
      cells.set(id, cell);
    }
    addFact(
      cell.summary,
      fact,
      decisionsBy.get(fact.submission_id) ?? [],
      validationBy.get(fact.submission_id),
    );
  }
  return cells;
}

/** A cell's week: the cohort week, or -1 when the draft's start is unknown. */
export const weekKey = (week: number | null) => (week === null ? -1 : Number(week));
/** A cell's request: the request id, or '' for none. */
export const requestKey = (requestId: string | null) => requestId ?? '';

// Serialised with maps as [key, count] pairs: map keys are client-sent strings (finding codes, fields), which
// as object keys could be `__proto__`.
export function serialiseSummary(summary: CellSummary): string {
  return JSON.stringify(summary, (_key, value: unknown) => (value instanceof Map ? [...value] : value));
}

export function parseSummary(text: string): CellSummary {
  const raw = JSON.parse(text) as Record<string, unknown>;
  const map = <K>(value: unknown) => new Map(value as [K, number][]);
  const lastSeen = (value: unknown): LastSeenCounts => {
    const v = value as { n: number; findings: unknown; fields: unknown };
    return { n: v.n, findings: map<string>(v.findings), fields: map<string>(v.fields) };
  };
  return {
    ...(raw as unknown as CellSummary),
    scoredOverall: map<number>(raw.scoredOverall),
    acceptedNumber: map<number>(raw.acceptedNumber),
    unsubmittedClosed: lastSeen(raw.unsubmittedClosed),
    unsubmittedOpen: lastSeen(raw.unsubmittedOpen),
    submitBuckets: map<number>(raw.submitBuckets),
    latencyBuckets: map<number>(raw.latencyBuckets),
    rejectionReasons: map<string>(raw.rejectionReasons),
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
