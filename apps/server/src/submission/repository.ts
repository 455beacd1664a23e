import type { ContributorRecord } from '@assay/quality';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Columns of a version that leave the server (the report and manifest are parsed by the mapper). */
/** A version's columns, and its file's size (`stored_file as f`, left-joined on the file's hash). */
const VERSION_COLUMNS = [
  'v.id',
  'v.submission_id',
  'v.number',
  'v.state',
  'v.manifest',
  'v.file_sha256',
  'v.file_name',
  'v.file_format',
  'v.row_count',
  'v.report',
  'v.score_overall',
  'v.enterprise_grade',
  'v.created_at',
  'v.updated_at',
  'v.submitted_at',
  'v.scored_at',
  'v.decided_at',
  'v.scoring_failed_at',
  'f.size as file_size',
] as const;

/** A submission, with its data request's minimum score, status and deadline (null without a request). */
export function findSubmissionById(db: Db, id: string) {
  return db
    .selectFrom('submission as s')
    .leftJoin('data_request as r', 'r.id', 's.request_id')
    .selectAll('s')
    .select([
      'r.min_quality_score as request_min_quality_score',
      'r.title as request_title',
      'r.reward_cents as request_reward_cents',
      'r.status as request_status',
      'r.deadline_at as request_deadline_at',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export function findVersionById(db: Db, id: string) {
  return db
    .selectFrom('submission_version as v')
    .innerJoin('submission as s', 's.id', 'v.submission_id')
    .leftJoin('stored_file as f', 'f.sha256', 'v.file_sha256')
    .select([...VERSION_COLUMNS, 's.contributor_id', 's.request_id', 's.latest_version'])
    .where('v.id', '=', id)
    .executeTakeFirst();
}

/** Whether any version of the submission was ever submitted (a later one is then a follow-up). */
export async function hasSubmittedVersion(db: Db, submissionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('submission_version')
    .select('id')
    .where('submission_id', '=', submissionId)
    .where('submitted_at', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}

export function listVersions(db: Db, submissionId: string) {
  return db
    .selectFrom('submission_version as v')
    .leftJoin('stored_file as f', 'f.sha256', 'v.file_sha256')
    .select(VERSION_COLUMNS)
    .where('v.submission_id', '=', submissionId)
    .orderBy('v.number', 'asc')
    .execute();
}

/** A contributor's submissions with their newest version, newest first. */
export function listSubmissionsOfContributor(db: Db, contributorId: string) {
  return db
    .selectFrom('submission as s')
    .innerJoin('submission_version as v', (join) =>
      join.onRef('v.submission_id', '=', 's.id').on((eb) =>
        // The version a submission is listed by: its latest, unless that is a draft the contributor
        // discarded (withdrawn, never submitted) after an earlier one, which then stands for it again.
        eb(
          'v.number',
          '=',
          eb.fn.coalesce(
            eb
              .selectFrom('submission_version as w')
              .select((w) => w.fn.max('w.number').as('number'))
              .whereRef('w.submission_id', '=', 's.id')
              .where((w) => w.not(w.and([w('w.state', '=', 'withdrawn'), w('w.submitted_at', 'is', null)]))),
            eb.ref('s.latest_version'),
          ),
        ),
      ),
    )
    .leftJoin('data_request as r', 'r.id', 's.request_id')
    .leftJoin('stored_file as f', 'f.sha256', 'v.file_sha256')
    .select([
      ...VERSION_COLUMNS,
      's.request_id',
      's.created_at as submission_created_at',
      'r.title as request_title',
    ])
    .where('s.contributor_id', '=', contributorId)
    .orderBy('s.updated_at', 'desc')
    .orderBy('s.id')
    .execute();
}

/** Decisions on a submission's versions (without the reviewer). */
export function listDecisionsOfSubmission(db: Db, submissionId: string) {
  return db
    .selectFrom('review as r')
    .innerJoin('submission_version as v', 'v.id', 'r.version_id')
    .select(['r.version_id', 'r.decision', 'r.reason_codes', 'r.comment', 'r.created_at'])
    .where('v.submission_id', '=', submissionId)
    .execute();
}

/**
 * The contributor's record, for the scorer's `provenance.contributor-record`: their submissions other than
 * `exceptSubmissionId` that a reviewer decided (a version accepted or rejected), and how many of those had a
 * version accepted.
 */
export async function findContributorRecord(
  db: Db,
  contributorId: string,
  exceptSubmissionId: string | null,
): Promise<ContributorRecord> {
  let query = db
    .selectFrom('submission_version as v')
    .innerJoin('submission as s', 's.id', 'v.submission_id')
    .select([
      sql<string | number>`count(distinct v.submission_id)`.as('decided'),
      sql<string | number>`count(distinct case when v.state = 'accepted' then v.submission_id end)`.as(
        'accepted',
      ),
    ])
    .where('s.contributor_id', '=', contributorId)
    .where('v.state', 'in', ['accepted', 'rejected']);
  if (exceptSubmissionId !== null) query = query.where('s.id', '!=', exceptSubmissionId);
  const row = await query.executeTakeFirstOrThrow();
  // PostgreSQL returns counts as bigint text.
  return { accepted: Number(row.accepted), decided: Number(row.decided) };
}

export type VersionRow = Awaited<ReturnType<typeof listVersions>>[number];
