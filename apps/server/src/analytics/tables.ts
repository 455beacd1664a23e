import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * The analytics rollups (migrations 0003–0006). They are derived data, rebuildable at any time from the
 * event log and the version rows, so they are typed here beside the code that fills them rather than in the
 * application's `Database`.
 */
export type AnalyticsTables = {
  analytics_submission_fact: SubmissionFactTable;
  analytics_decision_fact: DecisionFactTable;
  analytics_validation_fact: ValidationFactTable;
  analytics_cursor: CursorTable;
  analytics_cell: CellTable;
};

/**
 * One pre-aggregated cell (0006): the submissions whose draft started in one UTC week and went to one
 * request. `summary` is a serialised `CellSummary` (cell-summary.ts), recomputed from the facts of the week
 * by every refresh that touches it.
 */
export interface CellTable {
  /** The Monday 00:00 UTC of the drafts' start; -1 for drafts whose start is unknown. */
  week: number;
  /** The request id; '' for drafts made to no request. */
  request_key: string;
  summary: string;
  /** Parts of the summary (`SUMMARY_PARTS`), for the metrics that read only them. */
  funnel: string;
  supply: string;
  /** A serialised `CellCurve`: the decisions' scores, for the acceptance curve. */
  curve: string;
}

/** One row per `validation.failed` event (0005): its error count (`props.count` when a number, else 1). */
export interface ValidationFactTable {
  event_id: number;
  submission_id: string;
  errors: number;
}

/** One row per decided version: its `version.decided` event and the scores of the version it names. */
export interface DecisionFactTable {
  version_id: string;
  submission_id: string;
  number: number;
  /** accept | reject | request_changes */
  decision: string;
  /** JSON array of reason codes, as the event carried them. */
  reason_codes: string;
  decided_at: number;
  /** decided_at − scored_at: how long the scored version waited for its reviewer (0006). */
  latency_ms: number | null;
  /** The Monday 00:00 UTC of `decided_at` (0005). */
  decided_week: number;
  scored_at: number | null;
  overall: number | null;
  structure: number | null;
  context: number | null;
  provenance: number | null;
}

/** One row per submission, folded from its events (and the versions they name). */
export interface SubmissionFactTable {
  submission_id: string;
  /** From `submission.created`: its actor, request and time (the draft's start for every filter). */
  contributor_id: string | null;
  request_id: string | null;
  created_at: number | null;
  /** The Monday 00:00 UTC of `created_at`, the funnel's cohort (0005). */
  created_week: number | null;
  /**
   * The funnel's furthest step (0 draft started … 7 accepted): the highest of its first-time columns that is
   * set. Merged as a maximum, since the union of two sets of steps reaches the higher of their furthest (0005).
   */
  furthest_step: number;
  /** min(at) of `submission.created` and `draft.started`. */
  draft_at: number | null;
  file_at: number | null;
  manifest_at: number | null;
  prescore_at: number | null;
  submitted_at: number | null;
  scored_at: number | null;
  decided_at: number | null;
  /** min(at) of `version.decided` with `props.decision = 'accept'`. */
  accepted_at: number | null;
  withdrawn_at: number | null;
  /** min(at) of an explicit `draft.abandoned`. */
  abandoned_at: number | null;
  /** max(at) of any event of the submission. */
  last_at: number | null;
  /** The latest `finding.shown` (by time, ties by code) and its `props.code`. */
  last_finding_at: number | null;
  last_finding_code: string | null;
  /** The latest `field.edited` and its `props.field`. */
  last_field_at: number | null;
  last_field: string | null;
  /** The highest-numbered version with a `version.scored` event: its number, rows, scores, failures (0/1). */
  scored_number: number | null;
  scored_rows: number | null;
  scored_overall: number | null;
  scored_context: number | null;
  scored_fails_licence: number | null;
  scored_fails_schema: number | null;
  /** The accepted version's number and rows. */
  accepted_number: number | null;
  accepted_rows: number | null;
  /** The earliest `ledger.paid`: when, and its reward in cents. */
  paid_at: number | null;
  paid_cents: number | null;
  /**
   * The submission's number among its contributor's submitted submissions, ordered by first submit (then
   * id); null until submitted. Recomputed per contributor by each refresh that touches one (0005).
   */
  submitted_rank: number | null;
  /** submitted_at − draft_at: draft start to first submit, when both are known (0006). */
  submit_ms: number | null;
}

/** How far a rollup has read a source (the event id). */
export interface CursorTable {
  name: string;
  position: number;
}

export type AnalyticsDatabase = Database & AnalyticsTables;
export type AnalyticsDb = Kysely<AnalyticsDatabase>;

/** The application database seen with the rollup tables too. */
export function withAnalyticsTables(db: Kysely<Database> | Transaction<Database>): AnalyticsDb {
  return (db as Kysely<Database>).withTables<AnalyticsTables>();
}
