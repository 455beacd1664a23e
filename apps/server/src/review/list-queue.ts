import { encodeQueueCursor, type ReviewQueueInput } from '@assay/schema';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { iso, manifestTitle } from '../submission/map-version.ts';
import type { SessionUser } from '../trpc.ts';
import { countQueue, listOrganisationIdsOfReviewer, listQueue } from './repository.ts';

/**
 * The review queue, a page at a time: versions in review for the caller's organisations' requests
 * (operators: all), with how many pass the filters in all (`total`) and the cursor of the next page
 * (`null` on the last). Pages follow the queue's order by keyset, so a decision between two pages shifts
 * nothing.
 */
export async function listReviewQueue(db: Kysely<Database>, caller: SessionUser, input: ReviewQueueInput) {
  const organisationIds =
    caller.role === 'operator' ? null : await listOrganisationIdsOfReviewer(db, caller.id);
  const filter = { organisationIds, requestId: input.requestId, minScore: input.minScore };
  // One row more than the page says whether another page follows.
  const [rows, total] = await Promise.all([
    listQueue(db, {
      ...filter,
      sort: input.sort,
      order: input.order,
      limit: input.limit + 1,
      after: input.cursor,
    }),
    countQueue(db, filter),
  ]);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      versionId: row.version_id,
      submissionId: row.submission_id,
      number: row.number,
      title: manifestTitle(row.manifest),
      request: {
        id: row.request_id,
        title: row.request_title,
        minQualityScore: Number(row.min_quality_score),
      },
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
    })),
    total,
    nextCursor:
      rows.length > input.limit && last
        ? encodeQueueCursor({
            sort: input.sort,
            order: input.order,
            value: sortValueOf(last, input.sort),
            versionId: last.version_id,
          })
        : null,
  };
}

/** The value the queue sorts `row` by. Scoring sets the score and submitting the time before a version is in review. */
function sortValueOf(
  row: { version_id: string; score_overall: number | null; submitted_at: number | null },
  sort: ReviewQueueInput['sort'],
): number {
  const value = sort === 'score' ? row.score_overall : row.submitted_at;
  if (value === null) throw new Error(`Version ${row.version_id} is in review without its ${sort}`);
  return Number(value);
}
