import type { FileFormat } from '@assay/schema';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { iso, manifestTitle } from '../submission/map-version.ts';
import type { SessionUser } from '../trpc.ts';
import { listAccepted, listOrganisationIdsOfReviewer } from './repository.ts';

/**
 * The data a reviewer's organisations have accepted: what they paid for and may download (the file and
 * its Croissant metadata, served by download-routes.ts to the same organisations).
 */
export async function listAcceptedData(
  db: Kysely<Database>,
  caller: SessionUser,
  input: { requestId?: string | undefined; limit: number },
) {
  const organisationIds = await listOrganisationIdsOfReviewer(db, caller.id);
  const rows = await listAccepted(db, { organisationIds, ...input });
  return rows.map((row) => ({
    versionId: row.version_id,
    submissionId: row.submission_id,
    number: row.number,
    title: manifestTitle(row.manifest),
    request: { id: row.request_id, title: row.request_title },
    contributor: row.pseudonym,
    score: row.score_overall,
    rows: row.row_count,
    acceptedAt: iso(row.decided_at!),
    file: {
      sha256: row.file_sha256!,
      name: row.file_name,
      format: (row.file_format as FileFormat | null) ?? 'csv',
      size: Number(row.file_size),
    },
    // No entries when the reward was 0. SUM is numeric on PostgreSQL, an integer on SQLite.
    paidCents: Number(row.paid_cents ?? 0),
  }));
}
