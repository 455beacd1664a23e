import { z } from 'zod';

/**
 * Friction telemetry the client may send. Anything else is rejected: the server records system events
 * (submitted, scored, decided, paid) itself.
 */
export const CLIENT_EVENT_TYPES = [
  'draft.started',
  'file.attached',
  'manifest.completed',
  'field.edited',
  'prescore.seen',
  'finding.shown',
  'submit.attempted',
  'validation.failed',
  'draft.abandoned',
] as const;

/**
 * Who joins an organisation's reviewers, and with what power: an audit trail of each change. Each names its
 * organisation (`props.organisationId`).
 */
export const MEMBERSHIP_EVENT_TYPES = [
  'organisation.created',
  'member.invited',
  'invitation.revoked',
  'member.joined',
  'member.role_changed',
  'member.removed',
] as const;

/** Events only the server writes. */
export const SERVER_EVENT_TYPES = [
  'submission.created',
  'version.submitted',
  'version.scoring',
  'version.scoring_failed',
  'version.scored',
  'version.in_review',
  'version.created',
  'version.withdrawn',
  'version.decided',
  'ledger.paid',
  'request.created',
  'request.updated',
  'request.closed',
  /** A request closed on a submission still open to work: a draft, or changes a reviewer asked for. */
  'submission.request_closed',
  /** A draft never submitted to a request whose deadline is within a day (logged once per deadline). */
  'submission.deadline_soon',
  /** A request's deadline passed on a draft never submitted to it, which it can no longer take. */
  'submission.deadline_passed',
  'settings.threshold_changed',
  'user.suspended',
  'user.reinstated',
  ...MEMBERSHIP_EVENT_TYPES,
] as const;

export const ClientEventTypeSchema = z.enum(CLIENT_EVENT_TYPES);
export const EventTypeSchema = z.enum([...CLIENT_EVENT_TYPES, ...SERVER_EVENT_TYPES]);
export type EventType = z.infer<typeof EventTypeSchema>;

/** Small, flat, JSON-safe properties of an event (a field name, a finding code, a step). */
const EventPropsSchema = z
  .record(z.string().max(64), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]))
  .refine((props) => Object.keys(props).length <= 20, 'At most 20 properties per event');

/** One telemetry event from the client. */
export const ClientEventSchema = z.object({
  type: ClientEventTypeSchema,
  /** When it happened on the client (ISO date-time); the server also records when it arrived. */
  at: z.iso.datetime({ offset: true }),
  submissionId: z.uuid().nullish(),
  props: EventPropsSchema.default({}),
});
export type ClientEvent = z.infer<typeof ClientEventSchema>;

/** A batch of client events: bounded so one request cannot flood the log. */
export const ClientEventBatchSchema = z.object({
  events: z.array(ClientEventSchema).min(1).max(100),
});
export type ClientEventBatch = z.infer<typeof ClientEventBatchSchema>;

/** An event as stored: append-only, never updated or deleted. */
export const EventSchema = z.object({
  id: z.number().int(),
  type: EventTypeSchema,
  actorId: z.string().nullable(),
  submissionId: z.string().nullable(),
  versionId: z.string().nullable(),
  requestId: z.string().nullable(),
  props: z.record(z.string(), z.unknown()),
  /** Epoch milliseconds. */
  at: z.number().int(),
});
export type Event = z.infer<typeof EventSchema>;

/**
 * The operators' view of the event log, newest first: optionally one type or one data request's events,
 * and pages of `limit` before the event id `beforeId` (the last id of the page before).
 */
export const EventListInputSchema = z.strictObject({
  type: EventTypeSchema.optional(),
  requestId: z.uuid().optional(),
  beforeId: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type EventListInput = z.infer<typeof EventListInputSchema>;
