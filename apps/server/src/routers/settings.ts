import {
  ScoringSettingsSchema,
  ThresholdInputSchema,
  ThresholdOverviewSchema,
  ThresholdSettingsSchema,
} from '@assay/schema';
import { listThresholdChanges, readThreshold, setThreshold } from '../settings/threshold.ts';

/** How many of the threshold's past changes operators see. */
const CHANGES_SHOWN = 10;

import { authedProcedure, operatorProcedure, router } from '../trpc.ts';

/** Platform settings operators tune while Assay runs. */
export const settingsRouter = router({
  /**
   * Anyone signed in: the threshold the browser's pre-score must grade with to agree with the server (not
   * who set it: operators' names stay with operators), and the largest upload it takes.
   */
  scoring: authedProcedure.output(ScoringSettingsSchema).query(async ({ ctx }) => {
    const { threshold } = await readThreshold(ctx.services.db, ctx.services.env.ENTERPRISE_GRADE_THRESHOLD);
    return { threshold, uploadLimitBytes: ctx.services.env.UPLOAD_LIMIT_BYTES };
  }),
  /** Operator: the threshold with who set it and when, the server's default, and its last changes. */
  threshold: operatorProcedure.output(ThresholdOverviewSchema).query(async ({ ctx }) => ({
    ...(await readThreshold(ctx.services.db, ctx.services.env.ENTERPRISE_GRADE_THRESHOLD)),
    changes: await listThresholdChanges(ctx.services.db, CHANGES_SHOWN),
  })),
  /** Operator: the enterprise-grade threshold for versions scored from now on. */
  setThreshold: operatorProcedure
    .input(ThresholdInputSchema)
    .output(ThresholdSettingsSchema)
    .mutation(({ ctx, input }) =>
      setThreshold(
        ctx.services.db,
        ctx.user.id,
        input.threshold,
        ctx.services.env.ENTERPRISE_GRADE_THRESHOLD,
      ),
    ),
});
