import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * The analytics rollups (migration 0003). They are derived data, rebuildable at any time from the event
 * log and the version rows, so they are typed here beside the code that fills them rather than in the
 * application's `Database`.
 */
export type AnalyticsTables = {
  analytics_submission_fact: SubmissionFactTable;
  analytics_version_fact: VersionFactTable;
  analytics_cursor: CursorTable;
};

/** One row per submission: the first time each funnel event happened, and the last activity. */
export interface SubmissionFactTable {
  submission_id: string;
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
}

/** One row per scored version: which request requirements its quality report says it fails (0/1). */
export interface VersionFactTable {
  version_id: string;
  fails_licence: number;
  fails_schema: number;
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
