import { z } from 'zod';

/**
 * The steps of the friction funnel (DESIGN.md, "Metrics operators watch"), in order. A submission counts at a
 * step when it reached that step or any later one.
 */
export const FUNNEL_STEPS = [
  'draftStarted',
  'fileAttached',
  'manifestCompleted',
  'prescoreSeen',
  'submitted',
  'scored',
  'decided',
  'accepted',
] as const;
/** One step of {@link FUNNEL_STEPS}. */
export type FunnelStep = (typeof FUNNEL_STEPS)[number];
/** Each funnel step as DESIGN.md names it, for charts; CSV exports keep the step's identifier too. */
export const FUNNEL_STEP_LABELS: Record<FunnelStep, string> = {
  draftStarted: 'Draft started',
  fileAttached: 'File attached',
  manifestCompleted: 'Manifest complete',
  prescoreSeen: 'Pre-score seen',
  submitted: 'Submitted',
  scored: 'Scored',
  decided: 'Decided',
  accepted: 'Accepted',
};

/**
 * The learning curve's last bucket: a contributor's 10th submission and every later one count together, so
 * the few prolific contributors do not each draw a point of their own.
 */
export const NTH_SUBMISSION_CAP = 10;

/**
 * What every operator metric can be narrowed to: submissions whose draft started in [`from`, `to`), and one
 * data request. Both bounds are optional ISO date-times.
 */
export const AnalyticsFilterSchema = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    requestId: z.uuid().optional(),
  })
  .refine((f) => !f.from || !f.to || Date.parse(f.from) < Date.parse(f.to), {
    message: 'The end of the date range (to) must be after its start (from)',
    path: ['to'],
  });
/** Input of every operator metric. */
export type AnalyticsFilter = z.infer<typeof AnalyticsFilterSchema>;

/** Input of `analytics.friction`: the filter and the idle time after which a draft counts as abandoned. */
export const FrictionInputSchema = z.object({
  filter: AnalyticsFilterSchema.default({}),
  /** A draft with no activity for this many hours, and never submitted, is abandoned (default 72). */
  idleHours: z
    .number()
    .positive()
    .max(24 * 365)
    .default(72),
});
export type FrictionInput = z.infer<typeof FrictionInputSchema>;

/** Input of `analytics.acceptanceCurve`. */
export const AcceptanceCurveInputSchema = z.object({
  filter: AnalyticsFilterSchema.default({}),
  /** The operator's target acceptance probability: where the fitted curve crosses it (default 0.8). */
  targetAcceptance: z.number().gt(0).lt(1).default(0.8),
  /** Width of the overall-score bins (default 10 points). */
  binWidth: z.number().min(1).max(50).default(10),
});
export type AcceptanceCurveInput = z.infer<typeof AcceptanceCurveInputSchema>;

/** Input of `analytics.funnel` and `analytics.supplyDemand`. */
export const AnalyticsInputSchema = z.object({ filter: AnalyticsFilterSchema.default({}) });
export type AnalyticsInput = z.infer<typeof AnalyticsInputSchema>;
