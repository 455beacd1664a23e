import { z } from 'zod';
import { DecisionSchema } from './review.ts';
import { SubmissionStateSchema } from './submission.ts';

/**
 * What a signed-in person is told about, drawn from the event log (nothing is stored twice): a
 * contributor hears of their versions' scores, failed scoring and decisions; a reviewer of submissions
 * arriving in their organisations' queues; an operator of scoring that failed for good. A contributor also
 * hears when a request closes on a submission of theirs that was not yet in (a draft, or changes asked
 * for), and of a request's deadline a day ahead and as it passes while a draft for it was never submitted.
 */
export const NOTIFICATION_KINDS = [
  'scored',
  'scoring_failed',
  'decided',
  'arrived',
  'request_closed',
  'deadline_soon',
  'deadline_passed',
] as const;
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKindSchema>;

export const NotificationSchema = z.object({
  /** The event's id: notifications are ordered and marked read by it. */
  id: z.number().int(),
  kind: NotificationKindSchema,
  /** ISO time of the event. */
  at: z.string(),
  isUnread: z.boolean(),
  submissionId: z.string(),
  versionId: z.string(),
  versionNumber: z.number().int(),
  /** The version's state now, which may have moved on since (an arrival decided since, say). */
  versionState: SubmissionStateSchema,
  /** The manifest's title as the version declares it. */
  title: z.string(),
  request: z.object({ id: z.string(), title: z.string() }).nullable(),
  /** `scored` and `arrived`: the overall score of record. */
  score: z.number().nullable(),
  /** `scored`: whether the score is enterprise-grade. */
  isEnterpriseGrade: z.boolean().nullable(),
  /** `decided`: the reviewer's decision. */
  decision: DecisionSchema.nullable(),
  /** `decided` and accepted: what the contributor was paid, in cents. */
  rewardCents: z.number().int().nullable(),
  /** `deadline_soon` and `deadline_passed`: the ISO deadline the notice was about. */
  deadline: z.string().nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;

/**
 * Newest first, a page of `limit` before the notification id `cursor` (the `nextCursor` of the page
 * before; none for the newest). `direction` is what tRPC's infinite queries add; only forward is read.
 */
export const NotificationListInputSchema = z.strictObject({
  cursor: z.number().int().positive().nullish(),
  direction: z.literal('forward').optional(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type NotificationListInput = z.infer<typeof NotificationListInputSchema>;

/** Marks every notification up to and including `upToId` read; a read mark never moves back. */
export const NotificationReadInputSchema = z.strictObject({
  upToId: z.number().int().positive(),
});
export type NotificationReadInput = z.infer<typeof NotificationReadInputSchema>;
