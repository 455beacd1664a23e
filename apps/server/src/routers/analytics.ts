import { AcceptanceCurveInputSchema, AnalyticsInputSchema, FrictionInputSchema } from '@assay/schema';
import { computeAcceptanceCurve } from '../analytics/acceptance-curve.ts';
import { computeFriction } from '../analytics/friction.ts';
import { computeFunnel } from '../analytics/funnel.ts';
import { resolveFilter } from '../analytics/query.ts';
import { rebuildAnalytics } from '../analytics/refresh-rollups.ts';
import { computeSupplyDemand } from '../analytics/supply-demand.ts';
import { withAnalyticsTables } from '../analytics/tables.ts';
import { readThreshold } from '../settings/threshold.ts';
import { operatorProcedure, router } from '../trpc.ts';

// Operator metrics. Each procedure's definition (formulas) is on its domain function and collected in
// src/analytics/README.md.
export const analyticsRouter = router({
  /** Friction funnel, by cohort week and by request (see `computeFunnel`). Operators only. */
  funnel: operatorProcedure
    .input(AnalyticsInputSchema)
    .query(({ ctx, input }) =>
      computeFunnel(withAnalyticsTables(ctx.services.db), ctx.services.dialect, resolveFilter(input.filter)),
    ),

  /** Draft-to-submit time, abandonment, what was seen last, validation errors, versions, review latency. */
  friction: operatorProcedure.input(FrictionInputSchema).query(({ ctx, input }) =>
    computeFriction(withAnalyticsTables(ctx.services.db), ctx.services.dialect, resolveFilter(input.filter), {
      idleHours: input.idleHours,
    }),
  ),

  /** Acceptance by score bin, logistic fits, score at target, AUC, weekly and learning curves. */
  acceptanceCurve: operatorProcedure.input(AcceptanceCurveInputSchema).query(async ({ ctx, input }) => {
    const { threshold } = await readThreshold(ctx.services.db, ctx.services.env.ENTERPRISE_GRADE_THRESHOLD);
    return computeAcceptanceCurve(
      withAnalyticsTables(ctx.services.db),
      ctx.services.dialect,
      resolveFilter(input.filter),
      {
        targetAcceptance: input.targetAcceptance,
        binWidth: input.binWidth,
        enterpriseGradeThreshold: threshold,
      },
    );
  }),

  /** Per request supply against demand, requirement failures, budget; rejection reasons by dimension. */
  supplyDemand: operatorProcedure
    .input(AnalyticsInputSchema)
    .query(({ ctx, input }) =>
      computeSupplyDemand(
        withAnalyticsTables(ctx.services.db),
        ctx.services.dialect,
        resolveFilter(input.filter),
      ),
    ),

  /** Empties the analytics rollups and rebuilds them from the event log and version rows. */
  rebuild: operatorProcedure.mutation(async ({ ctx }) => {
    await rebuildAnalytics(withAnalyticsTables(ctx.services.db), ctx.services.dialect);
    return { rebuilt: true };
  }),
});
