import { z } from 'zod';
import { ColumnTypeSchema, ConsentBasisSchema, TaskSchema } from './manifest.ts';

/** Lifecycle of a data request. */
export const DataRequestStatusSchema = z.enum(['open', 'closed']);
export type DataRequestStatus = z.infer<typeof DataRequestStatusSchema>;

/**
 * What an enterprise asks for (demand). Money is in integer minor units (cents) so sums are exact.
 * Input schema for creating one; the server adds id, organisation and status.
 */
export const DataRequestInputSchema = z.object({
  title: z.string().trim().min(3, 'Give the request a title of at least 3 characters').max(200),
  description: z.string().max(5000).default(''),
  task: TaskSchema,
  requiredColumns: z.array(z.object({ name: z.string().min(1), type: ColumnTypeSchema })).default([]),
  labelSet: z.array(z.string().min(1)).default([]),
  minRows: z.number().int().nonnegative().default(0),
  /** SPDX ids; empty means any licence that permits the use. */
  acceptedLicenses: z.array(z.string().min(1)).default([]),
  /** Consent bases the enterprise accepts when people are in the data; empty means any. */
  requiredConsentBasis: z.array(ConsentBasisSchema).default([]),
  /** Whether the licence must permit commercial use. */
  requiresCommercialUse: z.boolean().default(true),
  minQualityScore: z.number().min(0).max(100).default(0),
  rewardCents: z.number().int().nonnegative(),
  budgetCents: z.number().int().nonnegative(),
  deadline: z.iso.datetime({ offset: true }).nullish(),
});
export type DataRequestInput = z.infer<typeof DataRequestInputSchema>;

/** A data request as the API returns it. */
export const DataRequestSchema = DataRequestInputSchema.extend({
  id: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  status: DataRequestStatusSchema,
  createdAt: z.string(),
  /** What is left of the budget to pay rewards from (the request's ledger balance; 0 once closed). */
  budgetLeftCents: z.number().int(),
});
export type DataRequest = z.infer<typeof DataRequestSchema>;

/**
 * What keeps a request from closing: submissions to it that came in while it was open and have no
 * decision yet, in review or still being scored (submitted or scoring). Each gets a decision first.
 */
export const RequestPendingSchema = z.object({
  awaitingDecision: z.number().int().nonnegative(),
  beingScored: z.number().int().nonnegative(),
});
export type RequestPending = z.infer<typeof RequestPendingSchema>;

/**
 * How many more acceptances the request's budget pays for; null when it pays no reward (acceptances then
 * cost nothing, and are never refused for budget).
 */
export function acceptancesLeft(
  request: Pick<DataRequest, 'rewardCents' | 'budgetLeftCents'>,
): number | null {
  if (request.rewardCents === 0) return null;
  return Math.max(0, Math.floor(request.budgetLeftCents / request.rewardCents));
}

/**
 * What a request asks of a dataset, in the shape the scorer's `requirements` option takes: the server's
 * score of record and the wizard's pre-score both build it here, so they check the same things.
 */
export function requirementsOf(
  request: Pick<
    DataRequest,
    | 'acceptedLicenses'
    | 'requiresCommercialUse'
    | 'minRows'
    | 'requiredColumns'
    | 'labelSet'
    | 'requiredConsentBasis'
    | 'task'
  >,
) {
  return {
    acceptedLicenses: request.acceptedLicenses,
    requiresCommercialUse: request.requiresCommercialUse,
    minRows: request.minRows,
    requiredColumns: request.requiredColumns,
    labelSet: request.labelSet,
    acceptedConsentBases: request.requiredConsentBasis,
    task: request.task,
  };
}

/**
 * Whether a request takes a submission at `now`, and if not, why: `closed`, or `past_deadline` for a
 * submission's first submit. A follow-up version of a submission that came in on time, answering a
 * reviewer, is still taken after the deadline, never after closing. The server's refusal and the web's
 * warnings both read this; listing requests that take submissions is the same rule in SQL.
 */
export type Intake = 'open' | 'closed' | 'past_deadline';

export function intakeOf(
  request: Pick<DataRequest, 'status' | 'deadline'>,
  { isFollowUp = false }: { isFollowUp?: boolean } = {},
  now: number = Date.now(),
): Intake {
  if (request.status !== 'open') return 'closed';
  if (!isFollowUp && request.deadline && Date.parse(request.deadline) <= now) return 'past_deadline';
  return 'open';
}

/** Whether a request takes new submissions at `now`: open, and before its deadline if it has one. */
export function takesSubmissions(
  request: Pick<DataRequest, 'status' | 'deadline'>,
  now: number = Date.now(),
): boolean {
  return intakeOf(request, {}, now) === 'open';
}
