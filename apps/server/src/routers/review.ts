import { FindingRowsInputSchema, ReviewInputSchema, ReviewQueueInputSchema } from '@assay/schema';
import { z } from 'zod';
import { decideReview } from '../review/decide-review.ts';
import { getFindingRows } from '../review/finding-rows.ts';
import { getReviewItem } from '../review/get-review-item.ts';
import { listAcceptedData } from '../review/list-accepted.ts';
import { listReviewQueue } from '../review/list-queue.ts';
import { reviewerProcedure, router, staffProcedure } from '../trpc.ts';

export const reviewRouter = router({
  /**
   * Versions in review for the caller's organisations (operators: all), filtered and sorted, a page at a
   * time: `{ items, total, nextCursor }`; pass `nextCursor` back as `cursor` for the next page.
   */
  queue: staffProcedure
    .input(ReviewQueueInputSchema)
    .query(({ ctx, input }) => listReviewQueue(ctx.services.db, ctx.user, input)),

  /** One version with its report, manifest, a sample of rows and what changed since the last version. */
  byId: staffProcedure
    .input(z.object({ versionId: z.uuid() }))
    .query(({ ctx, input }) => getReviewItem(ctx.services, ctx.user, input.versionId)),

  /**
   * The rows of the version's file that one finding of its report cites (`finding`: its index in the
   * report's findings), the column it names, and their row numbers; personal data in them masked. No other
   * rows can be asked for.
   */
  findingRows: staffProcedure
    .input(FindingRowsInputSchema)
    .query(({ ctx, input }) => getFindingRows(ctx.services, ctx.user, input.versionId, input.finding)),

  /**
   * The data the caller's organisations accepted, newest first, with each file's hash and what it was
   * paid. Reviewers only: the files themselves go to the accepting organisation alone.
   */
  accepted: reviewerProcedure
    .input(
      z.object({
        requestId: z.uuid().optional(),
        limit: z.number().int().min(1).max(500).default(100),
      }),
    )
    .query(({ ctx, input }) => listAcceptedData(ctx.services.db, ctx.user, input)),

  /** Accept, reject or request changes, with reason codes and a comment. */
  decide: reviewerProcedure
    .input(ReviewInputSchema)
    .mutation(({ ctx, input }) => decideReview(ctx.services, ctx.user, input)),
});
