import { z } from 'zod';

/** The overall score (0–100, whole points) from which a quality report is enterprise grade. */
export const EnterpriseGradeThresholdSchema = z
  .number({ error: 'Enter a score from 0 to 100' })
  .int('Use a whole score from 0 to 100')
  .min(0, 'Use a score from 0 to 100')
  .max(100, 'Use a score from 0 to 100');

/** An operator setting the enterprise-grade threshold. */
export const ThresholdInputSchema = z.strictObject({ threshold: EnterpriseGradeThresholdSchema });
export type ThresholdInput = z.infer<typeof ThresholdInputSchema>;

const ThresholdSchema = z.object({ threshold: z.number().min(0).max(100) });

/**
 * What the browser must know to agree with the server, for anyone signed in: the threshold its pre-score
 * grades with, and the largest upload the server takes (UPLOAD_LIMIT_BYTES), which the wizard refuses
 * beyond rather than send a file the server would refuse once it had it all.
 */
export const ScoringSettingsSchema = ThresholdSchema.extend({
  uploadLimitBytes: z.number().int().positive(),
});
export type ScoringSettings = z.infer<typeof ScoringSettingsSchema>;

/**
 * The threshold as operators see it: `setBy` (the operator's name) and `setAt` are null while it is the
 * server's configured default (ENTERPRISE_GRADE_THRESHOLD).
 */
export const ThresholdSettingsSchema = ThresholdSchema.extend({
  /** The default an operator's setting replaced, or would replace. */
  defaultThreshold: z.number().min(0).max(100),
  setBy: z.string().nullable(),
  setAt: z.iso.datetime().nullable(),
});
export type ThresholdSettings = z.infer<typeof ThresholdSettingsSchema>;

/** One change of the threshold, from the event log. */
export const ThresholdChangeSchema = z.object({
  from: z.number(),
  to: z.number(),
  /** The operator's name. */
  by: z.string(),
  at: z.iso.datetime(),
});
export type ThresholdChange = z.infer<typeof ThresholdChangeSchema>;

/** What operators see: the threshold now, and its last changes, newest first. */
export const ThresholdOverviewSchema = ThresholdSettingsSchema.extend({
  changes: z.array(ThresholdChangeSchema),
});
export type ThresholdOverview = z.infer<typeof ThresholdOverviewSchema>;
