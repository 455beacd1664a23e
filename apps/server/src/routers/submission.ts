import { DraftManifestSchema } from '@assay/schema';
import { z } from 'zod';
import { createDraft } from '../submission/create-draft.ts';
import { getOwnSubmission, listOwnSubmissions } from '../submission/get-submission.ts';
import { saveDraftManifest } from '../submission/save-draft-manifest.ts';
import { contributorProcedure, router } from '../trpc.ts';

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

  /** The caller's own submissions. */
  list: contributorProcedure.query(({ ctx }) => listOwnSubmissions(ctx.services.db, ctx.user.id)),

  /** One of the caller's own submissions with all versions. */
  byId: contributorProcedure
    .input(z.object({ id: z.uuid() }))
    .query(({ ctx, input }) => getOwnSubmission(ctx.services.db, ctx.user.id, input.id)),
});
