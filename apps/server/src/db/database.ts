import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The one description of every table. Timestamps are epoch milliseconds (`bigint`, read back as numbers)
 * so both dialects store and compare them the same way; JSON is text; booleans are 0/1 in Assay's own
 * tables. The four auth tables follow better-auth's default schema (camelCase) so its adapter needs no
 * mapping.
 */
export interface Database {
  user: UserTable;
  session: SessionTable;
  account: AccountTable;
  verification: VerificationTable;
  organisation: OrganisationTable;
  member: MemberTable;
  invitation: InvitationTable;
  data_request: DataRequestTable;
  submission: SubmissionTable;
  submission_version: SubmissionVersionTable;
  stored_file: StoredFileTable;
  fingerprint: FingerprintTable;
  review: ReviewTable;
  event: EventTable;
  ledger_entry: LedgerEntryTable;
  scoring_job: ScoringJobTable;
  setting: SettingTable;
  notification_read: NotificationReadTable;
}

/** better-auth stores dates as Date (PostgreSQL) or ISO text (SQLite); we only read them through it. */
type AuthDate = ColumnType<Date | string, Date | string, Date | string>;

export interface UserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: ColumnType<boolean | number, boolean | number, boolean | number>;
  image: string | null;
  createdAt: AuthDate;
  updatedAt: AuthDate;
  /** contributor | reviewer | operator */
  role: string;
  /** What reviewers see instead of the contributor's name or email. */
  pseudonym: string;
  /** When an operator suspended the account (epoch ms; Assay's column, not better-auth's), or null. */
  suspendedAt: ColumnType<number | null, number | null | undefined, number | null>;
  /** The operator's reason for the suspension, or null while the account is active. */
  suspensionReason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SessionTable {
  id: string;
  expiresAt: AuthDate;
  token: string;
  createdAt: AuthDate;
  updatedAt: AuthDate;
  ipAddress: string | null;
  userAgent: string | null;
  userId: string;
}

export interface AccountTable {
  id: string;
  accountId: string;
  providerId: string;
  userId: string;
  accessToken: string | null;
  refreshToken: string | null;
  idToken: string | null;
  accessTokenExpiresAt: AuthDate | null;
  refreshTokenExpiresAt: AuthDate | null;
  scope: string | null;
  password: string | null;
  createdAt: AuthDate;
  updatedAt: AuthDate;
}

export interface VerificationTable {
  id: string;
  identifier: string;
  value: string;
  expiresAt: AuthDate;
  createdAt: AuthDate;
  updatedAt: AuthDate;
}

export interface OrganisationTable {
  id: string;
  name: string;
  /** `organisationNameKey(name)`: unique, so names that read alike cannot both exist. */
  name_key: string;
  created_at: number;
}

export interface MemberTable {
  organisation_id: string;
  user_id: string;
  /** reviewer | admin (an admin may also invite reviewers) */
  role: string;
  created_at: number;
  /**
   * The id of the last event in the log when the membership began: only later events of the
   * organisation's requests are the member's notifications (nothing from before they joined is news).
   */
  notify_after_event_id: number;
}

/** An invitation to join an organisation as reviewer or admin; accepted by signing up with its token. */
export interface InvitationTable {
  id: string;
  token_hash: string;
  organisation_id: string;
  email: string;
  role: string;
  invited_by: string;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
}

export interface DataRequestTable {
  id: string;
  organisation_id: string;
  title: string;
  description: string;
  task: string;
  /** JSON: { name, type }[] */
  required_columns: string;
  /** JSON: string[] */
  label_set: string;
  min_rows: number;
  /** JSON: SPDX id[] */
  accepted_licenses: string;
  /** JSON: consent basis[] */
  required_consent_basis: string;
  requires_commercial_use: number;
  min_quality_score: number;
  reward_cents: number;
  budget_cents: number;
  deadline_at: number | null;
  status: string;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface SubmissionTable {
  id: string;
  contributor_id: string;
  request_id: string | null;
  /** Number of the newest version; versions are numbered from 1. */
  latest_version: number;
  created_at: number;
  updated_at: number;
}

export interface SubmissionVersionTable {
  id: string;
  submission_id: string;
  number: number;
  /** draft, submitted, scoring, scored, in_review, accepted, rejected, changes_requested, withdrawn, superseded */
  state: string;
  /** JSON of the draft manifest as last saved. */
  manifest: string;
  file_sha256: string | null;
  file_name: string | null;
  file_format: string | null;
  row_count: number | null;
  /** Idempotency key of the submit that moved this version out of draft. */
  submit_key: string | null;
  /** JSON QualityReport of record. */
  report: string | null;
  score_overall: number | null;
  score_structure: number | null;
  score_context: number | null;
  score_provenance: number | null;
  enterprise_grade: number | null;
  scorer_version: string | null;
  created_at: number;
  updated_at: number;
  submitted_at: number | null;
  scored_at: number | null;
  decided_at: number | null;
  /** When its scoring job last failed on every attempt and the version went back to draft. */
  scoring_failed_at: number | null;
  /** JSON SampleRows (`@assay/quality`): rows spread over the file, picked when the version was scored. */
  sample_rows: string | null;
}

export interface StoredFileTable {
  sha256: string;
  size: number;
  created_at: number;
  /**
   * When the file was last stored (an upload of its bytes, found stored already or not) or let go of by a
   * draft whose file was replaced: the orphan sweep's grace period counts from it.
   */
  last_used_at: number;
}

export interface FingerprintTable {
  fingerprint: string;
  version_id: string;
  contributor_id: string;
}

export interface ReviewTable {
  id: string;
  version_id: string;
  reviewer_id: string;
  decision: string;
  /** JSON: ReasonCode[] */
  reason_codes: string;
  comment: string;
  time_spent_ms: number;
  created_at: number;
}

export interface EventTable {
  id: Generated<number>;
  type: string;
  actor_id: string | null;
  submission_id: string | null;
  version_id: string | null;
  request_id: string | null;
  /** JSON object of small properties. */
  props: string;
  at: number;
}

/** A platform setting operators change at run time; its history is in the event log. */
export interface SettingTable {
  name: string;
  /** The value as JSON text. */
  value: string;
  updated_by: string;
  updated_at: number;
}

export interface LedgerEntryTable {
  id: Generated<number>;
  transaction_id: string;
  account: string;
  amount_cents: number;
  version_id: string | null;
  request_id: string | null;
  memo: string;
  at: number;
}

/** The SQLite scoring queue (PostgreSQL uses pg-boss). */
export interface ScoringJobTable {
  id: string;
  version_id: string;
  /** queued | running | done | failed */
  state: string;
  attempts: number;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export type SubmissionVersionRow = Selectable<SubmissionVersionTable>;
export type NewSubmissionVersion = Insertable<SubmissionVersionTable>;
export type SubmissionVersionUpdate = Updateable<SubmissionVersionTable>;
export type DataRequestRow = Selectable<DataRequestTable>;
export type EventRow = Selectable<EventTable>;

/** How far a person has read their notifications (which are events): every event id up to this one. */
export interface NotificationReadTable {
  user_id: string;
  seen_event_id: number;
  updated_at: number;
}
