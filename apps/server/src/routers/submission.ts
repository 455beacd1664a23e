import { DraftManifestSchema, FindingRowsInputSchema } from '@assay/schema';
import { z } from 'zod';
import { comparesWithAcceptedData } from '../scoring/accepted-fingerprints.ts';
import { createDraft } from '../submission/create-draft.ts';
import { createVersion } from '../submission/create-version.ts';
import { followScoring } from '../submission/follow-scoring.ts';
import { getOwnSubmission, listOwnSubmissions } from '../submission/get-submission.ts';
import { offerVersion } from '../submission/offer-version.ts';
import { getOwnFindingRows } from '../submission/own-finding-rows.ts';
import { findContributorRecord } from '../submission/repository.ts';
import { saveDraftManifest } from '../submission/save-draft-manifest.ts';
import { submitVersion } from '../submission/submit-version.ts';
import { withdrawVersion } from '../submission/withdraw-version.ts';
import { contributorProcedure, router } from '../trpc.ts';

const versionRouter = router({
  /** A new draft version from feedback, starting from the latest version's manifest and file. */
  create: contributorProcedure
    .input(z.object({ submissionId: z.uuid() }))
    .mutation(({ ctx, input }) => createVersion(ctx.services.db, { contributorId: ctx.user.id, ...input })),

  /**
   * The rows of the caller's own file that one finding of the version's report cites (`finding`: its index
   * in the report's findings), and the column it names: what to fix, on the submission page.
   */
  findingRows: contributorProcedure.input(FindingRowsInputSchema).query(({ ctx, input }) =>
    getOwnFindingRows(ctx.services, {
      contributorId: ctx.user.id,
      versionId: input.versionId,
      index: input.finding,
    }),
  ),
});

export const submissionRouter = router({
  /** Starts a draft, optionally for a data request. */
  create: contributorProcedure
    .input(z.object({ requestId: z.uuid().nullish(), manifest: DraftManifestSchema.default({}) }))
    .mutation(({ ctx, input }) =>
      createDraft(ctx.services.db, {
        contributorId: ctx.user.id,
        requestId: input.requestId,
        manifest: input.manifest,
      }),
    ),

  /**
   * Offers one of the caller's versions to a data request that takes submissions: a new submission for it,
   * starting as a draft with the version's file and manifest.
   */
  offer: contributorProcedure
    .input(z.strictObject({ versionId: z.uuid(), requestId: z.uuid() }))
    .mutation(({ ctx, input }) => offerVersion(ctx.services.db, { contributorId: ctx.user.id, ...input })),

  /** Autosaves a draft's manifest. */
  saveManifest: contributorProcedure
    .input(
      z.object({
        versionId: z.uuid(),
        manifest: DraftManifestSchema,
        expectedUpdatedAt: z.iso.datetime().optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      saveDraftManifest(ctx.services.db, { contributorId: ctx.user.id, ...input }),
    ),

  /** Submits a draft for scoring; a retry with the same idempotency key is a no-op. */
  submit: contributorProcedure
    .input(z.object({ versionId: z.uuid(), idempotencyKey: z.string().min(8).max(128) }))
    .mutation(({ ctx, input }) => submitVersion(ctx.services, { contributorId: ctx.user.id, ...input })),

  /** Withdraws a version before a decision. */
  withdraw: contributorProcedure
    .input(z.object({ versionId: z.uuid() }))
    .mutation(({ ctx, input }) => withdrawVersion(ctx.services.db, { contributorId: ctx.user.id, ...input })),

  /** Live scoring progress (SSE), ending with the version and its report of record. */
  scoring: contributorProcedure
    .input(z.object({ versionId: z.uuid() }))
    .subscription(({ ctx, input, signal }) =>
      followScoring(ctx.services, { contributorId: ctx.user.id, versionId: input.versionId, signal }),
    ),

  /** The caller's own submissions. */
  list: contributorProcedure.query(({ ctx }) => listOwnSubmissions(ctx.services.db, ctx.user.id)),

  /**
   * The caller's record as the scorer counts it (`provenance.contributor-record`), without `submissionId`:
   * what the wizard's pre-score passes, so that it agrees with the score of record.
   */
  record: contributorProcedure
    .input(z.object({ submissionId: z.uuid().nullish() }))
    .query(({ ctx, input }) =>
      findContributorRecord(ctx.services.db, ctx.user.id, input.submissionId ?? null),
    ),

  /**
   * Whether the score of record will compare the caller's file with other contributors' accepted data:
   * the wizard's pre-score, which cannot see that data, then scores it as the caller's own
   * (`isOverlapCheckedLater`), so that it agrees with the record.
   */
  comparesWithAcceptedData: contributorProcedure.query(({ ctx }) =>
    comparesWithAcceptedData(ctx.services.db, ctx.user.id),
  ),

  /** One of the caller's own submissions with all versions. */
  byId: contributorProcedure
    .input(z.object({ id: z.uuid() }))
    .query(({ ctx, input }) => getOwnSubmission(ctx.services.db, ctx.user.id, input.id)),

  version: versionRouter,
});
