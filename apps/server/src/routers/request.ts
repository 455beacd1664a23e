import {
  checkRewardWithinBudget,
  DataRequestInputSchema,
  DataRequestPatchSchema,
  DataRequestSchema,
  RequestPendingSchema,
} from '@assay/schema';
import { z } from 'zod';
import { createRequest } from '../request/create-request.ts';
import { getRequest, listRequests } from '../request/get-request.ts';
import { closeRequest, pendingForRequest, updateRequest } from '../request/update-request.ts';
import { authedProcedure, reviewerProcedure, router } from '../trpc.ts';

const RequestRefSchema = z.strictObject({ id: z.uuid() });

/**
 * Data requests (demand). Roles: reviewers of the owning organisation create, update and close; every
 * signed-in user lists and reads open ones; closed ones only their organisation's reviewers and operators.
 */
export const requestRouter = router({
  /** Reviewer. One in several organisations passes `organisationId`. The budget is funded at once. */
  create: reviewerProcedure
    .input(
      z
        .strictObject({ ...DataRequestInputSchema.shape, organisationId: z.uuid().optional() })
        .superRefine(checkRewardWithinBudget),
    )
    .output(DataRequestSchema)
    .mutation(({ ctx, input }) => createRequest(ctx.services.db, ctx.user, input)),

  /** Reviewer of the owning organisation; only the fields given change. */
  update: reviewerProcedure
    .input(DataRequestPatchSchema.extend({ id: z.uuid() }))
    .output(DataRequestSchema)
    .mutation(({ ctx, input }) => {
      const { id, ...patch } = input;
      return updateRequest(ctx.services.db, ctx.user, { id, patch });
    }),

  /** Reviewer of the owning organisation; refunds the unspent budget. */
  close: reviewerProcedure
    .input(RequestRefSchema)
    .output(DataRequestSchema)
    .mutation(({ ctx, input }) => closeRequest(ctx.services.db, ctx.user, input.id)),

  /**
   * Reviewer of the owning organisation: the submissions that keep it from closing (in review, or still
   * being scored).
   */
  pending: reviewerProcedure
    .input(RequestRefSchema)
    .output(RequestPendingSchema)
    .query(({ ctx, input }) => pendingForRequest(ctx.services.db, ctx.user, input.id)),

  /** Any signed-in user. */
  list: authedProcedure
    .input(
      z
        .strictObject({
          organisationId: z.uuid().optional(),
          /** Only requests of the caller's own organisations: what a reviewer manages and reviews. */
          isOwnOnly: z.boolean().default(false),
          status: z.enum(['open', 'closed', 'all']).default('open'),
          /** Only requests that take submissions now: open, and before their deadline (if they have one). */
          isTakingSubmissions: z.boolean().default(false),
          limit: z.number().int().min(1).max(200).default(50),
          offset: z.number().int().min(0).default(0),
        })
        .default({ isOwnOnly: false, status: 'open', isTakingSubmissions: false, limit: 50, offset: 0 }),
    )
    .output(z.array(DataRequestSchema))
    .query(({ ctx, input }) => listRequests(ctx.services.db, ctx.user, input)),

  /** Any signed-in user, for a request they may see. */
  byId: authedProcedure
    .input(RequestRefSchema)
    .output(DataRequestSchema)
    .query(({ ctx, input }) => getRequest(ctx.services.db, ctx.user, input.id)),
});
