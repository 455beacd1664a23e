import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { iso, manifestTitle } from '../submission/map-version.ts';
import type { SessionUser } from '../trpc.ts';
import { listOrganisationIdsOfReviewer, listQueue, type QueueSort } from './repository.ts';

/** The review queue: versions in review for the caller's organisations' requests (operators: all). */
export async function listReviewQueue(
  db: Kysely<Database>,
  caller: SessionUser,
  input: {
    requestId?: string | undefined;
    minScore?: number | undefined;
    sort: QueueSort;
    order: 'asc' | 'desc';
    limit: number;
  },
) {
  const organisationIds =
    caller.role === 'operator' ? null : await listOrganisationIdsOfReviewer(db, caller.id);
  const rows = await listQueue(db, { organisationIds, ...input });
  return rows.map((row) => ({
    versionId: row.version_id,
    submissionId: row.submission_id,
    number: row.number,
    title: manifestTitle(row.manifest),
    request: { id: row.request_id, title: row.request_title, minQualityScore: Number(row.min_quality_score) },
    contributor: row.pseudonym,
    scores: {
      overall: row.score_overall,
      structure: row.score_structure,
      context: row.score_context,
      provenance: row.score_provenance,
    },
    enterpriseGrade: row.enterprise_grade === 1,
    rows: row.row_count,
    submittedAt: row.submitted_at === null ? null : iso(row.submitted_at),
  }));
}
