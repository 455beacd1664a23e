import type { Decision, QualityReport, ReviewInput } from '@assay/schema';
import { AppError, notFound } from '../errors.ts';
import { appendEvents } from '../events/append-event.ts';
import { lockRequest, payForAcceptance } from '../ledger/post-transaction.ts';
import type { Services } from '../services.ts';
import type { SessionUser } from '../trpc.ts';
import { findAcceptedWithSameFile, listOrganisationIdsOfReviewer } from './repository.ts';

const STATE_OF_DECISION: Record<Decision, string> = {
  accept: 'accepted',
  reject: 'rejected',
  request_changes: 'changes_requested',
};

/**
 * Decides the version in review. Race-free: one conditional update (`state = 'in_review'`) inside the
 * transaction, so of two reviewers deciding at once one succeeds and the other gets CONFLICT; the review
 * row's unique version id backs it up. Accepting pays the reward in the same transaction and keeps the
 * version's fingerprints for later uniqueness checks; a request without enough budget refuses the
 * acceptance and nothing changes, as does a data file the request already accepted (paid for) once.
 */
export async function decideReview(services: Services, reviewer: SessionUser, input: ReviewInput) {
  const { db } = services;
  const organisations = await listOrganisationIdsOfReviewer(db, reviewer.id);
  return db.transaction().execute(async (trx) => {
    const version = await trx
      .selectFrom('submission_version as v')
      .innerJoin('submission as s', 's.id', 'v.submission_id')
      .innerJoin('data_request as r', 'r.id', 's.request_id')
      .select([
        'v.id',
        'v.number',
        'v.state',
        'v.report',
        'v.score_overall',
        'v.file_sha256',
        's.id as submission_id',
        's.contributor_id',
        'r.id as request_id',
        'r.organisation_id',
        'r.reward_cents',
      ])
      .where('v.id', '=', input.versionId)
      .executeTakeFirst();
    if (!version || !organisations.includes(version.organisation_id)) {
      throw notFound('submission version', input.versionId);
    }
    if (input.decision === 'accept' && version.file_sha256 !== null) {
      // The request is locked before the look for an earlier acceptance of this file, as payment locks it:
      // otherwise two acceptances of one file, decided at once, each found none and both were paid.
      await lockRequest(trx, version.request_id);
      const earlier = await findAcceptedWithSameFile(
        trx,
        version.request_id,
        version.file_sha256,
        version.id,
      );
      if (earlier) {
        throw new AppError(
          'conflict',
          'This exact data file was already accepted for this request: accepting it again would pay twice for the same data',
        );
      }
    }
    const now = Date.now();
    const state = STATE_OF_DECISION[input.decision];
    const result = await trx
      .updateTable('submission_version')
      .set({ state, decided_at: now, updated_at: now })
      .where('id', '=', input.versionId)
      .where('state', '=', 'in_review')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      const current = await trx
        .selectFrom('submission_version')
        .select('state')
        .where('id', '=', input.versionId)
        .executeTakeFirst();
      throw new AppError(
        'conflict',
        `Version ${version.number} is ${current?.state ?? version.state}: only a version in review can be decided`,
      );
    }
    const reviewId = crypto.randomUUID();
    await trx
      .insertInto('review')
      .values({
        id: reviewId,
        version_id: input.versionId,
        reviewer_id: reviewer.id,
        decision: input.decision,
        reason_codes: JSON.stringify(input.reasonCodes),
        comment: input.comment,
        time_spent_ms: input.timeSpentMs,
        created_at: now,
      })
      .execute();
    let paidCents = 0;
    if (input.decision === 'accept') {
      const payment = await payForAcceptance(trx, {
        requestId: version.request_id,
        versionId: version.id,
        contributorId: version.contributor_id,
        rewardCents: version.reward_cents,
        actorId: reviewer.id,
        submissionId: version.submission_id,
      });
      paidCents = payment ? version.reward_cents : 0;
      const report = version.report ? (JSON.parse(version.report) as QualityReport) : null;
      const fingerprints = [...new Set(report?.fingerprints ?? [])];
      if (fingerprints.length > 0) {
        await trx
          .insertInto('fingerprint')
          .values(
            fingerprints.map((fingerprint) => ({
              fingerprint,
              version_id: version.id,
              contributor_id: version.contributor_id,
            })),
          )
          .execute();
      }
    }
    await appendEvents(trx, [
      {
        type: 'version.decided',
        actorId: reviewer.id,
        submissionId: version.submission_id,
        versionId: version.id,
        requestId: version.request_id,
        props: {
          decision: input.decision,
          reasonCodes: input.reasonCodes,
          score: version.score_overall,
          timeSpentMs: input.timeSpentMs,
        },
        at: now,
      },
    ]);
    return { reviewId, state, paidCents };
  });
}
