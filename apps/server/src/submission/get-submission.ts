import type { DataRequestStatus, Decision, ReasonCode } from '@assay/schema';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { accountBalance, contributorAccount, requestAccount } from '../ledger/post-transaction.ts';
import { creditsOfSubmission } from '../ledger/repository.ts';
import { iso, toVersionView } from './map-version.ts';
import {
  findSubmissionById,
  listDecisionsOfSubmission,
  listSubmissionsOfContributor,
  listVersions,
} from './repository.ts';

/** One of the contributor's own submissions with every version; another's is NOT_FOUND, not FORBIDDEN. */
export async function getOwnSubmission(db: Kysely<Database>, contributorId: string, id: string) {
  const submission = await findSubmissionById(db, id);
  if (!submission || submission.contributor_id !== contributorId) throw notFound('submission', id);
  const [versions, reviews, credits, requestBudgetLeftCents] = await Promise.all([
    listVersions(db, id),
    listDecisionsOfSubmission(db, id),
    creditsOfSubmission(db, contributorAccount(contributorId), id),
    submission.request_id === null ? null : accountBalance(db, requestAccount(submission.request_id)),
  ]);
  return {
    id: submission.id,
    requestId: submission.request_id,
    // What the request is and pays, also once it has closed (the page names it; the wizard reads the rest).
    requestTitle: submission.request_title,
    requestRewardCents:
      submission.request_reward_cents === null ? null : Number(submission.request_reward_cents),
    // What its budget can still pay, as every contributor sees on the open requests: an acceptance waits
    // for a budget that cannot pay the reward, and the page says so.
    requestBudgetLeftCents,
    // The request's bar, also once it has closed (the contributor may no longer read the request itself).
    requestMinQualityScore:
      submission.request_min_quality_score === null ? null : Number(submission.request_min_quality_score),
    // Whether the request still takes this submission, also once it has closed (then NOT_FOUND to read).
    requestStatus: submission.request_status as DataRequestStatus | null,
    requestDeadline:
      submission.request_deadline_at === null ? null : iso(Number(submission.request_deadline_at)),
    createdAt: iso(submission.created_at),
    versions: versions.map((version) => {
      const review = reviews.find((r) => r.version_id === version.id);
      return {
        ...toVersionView(version),
        // The contributor sees the decision, its reasons and comment, never who decided.
        decision: review
          ? {
              decision: review.decision as Decision,
              reasonCodes: JSON.parse(review.reason_codes) as ReasonCode[],
              comment: review.comment,
              decidedAt: iso(review.created_at),
            }
          : null,
        // What accepting this version paid the contributor (null: nothing was paid for it).
        creditedCents: credits.get(version.id) ?? null,
      };
    }),
  };
}

/** The contributor's submissions, newest activity first, each with its latest version. */
export async function listOwnSubmissions(db: Kysely<Database>, contributorId: string) {
  const rows = await listSubmissionsOfContributor(db, contributorId);
  return rows.map((row) => ({
    id: row.submission_id,
    requestId: row.request_id,
    requestTitle: row.request_title,
    createdAt: iso(row.submission_created_at),
    latest: toVersionView(row),
  }));
}
