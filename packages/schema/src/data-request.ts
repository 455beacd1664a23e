import { z } from 'zod';
import { ColumnTypeSchema, ConsentBasisSchema, TaskSchema } from './manifest.ts';

/** Lifecycle of a data request. */
export const DataRequestStatusSchema = z.enum(['open', 'closed']);
export type DataRequestStatus = z.infer<typeof DataRequestStatusSchema>;

/** The most a request's budget or its reward may be: €10,000,000, in cents. */
export const MAX_MONEY_CENTS = 1_000_000_000;
/** The most rows a request may ask for at least; more is a typing slip, not a requirement. */
export const MAX_MIN_ROWS = 1_000_000_000;

/** Cents as "€1,234.56", the same in every locale: the server's messages say it too. */
export function formatEuros(cents: number): string {
  return `€${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** An amount of money in integer cents, from 0 to {@link MAX_MONEY_CENTS}; `what` names it ("budget"). */
function moneySchema(what: string) {
  // The range comes before the integer check, whose own range check would otherwise speak first; each
  // stops the rest, so a field gets one message.
  return z
    .number({ error: `Enter the ${what} in euros` })
    .min(0, { error: `The ${what} cannot be negative`, abort: true })
    .max(MAX_MONEY_CENTS, {
      error: `Enter a ${what} of at most ${formatEuros(MAX_MONEY_CENTS)}`,
      abort: true,
    })
    .int(`Enter the ${what} in whole cents`);
}

/**
 * Why a request's reward is refused against its budget, or null: a non-zero reward larger than the whole
 * budget could never be paid once. A €0 reward (acceptances cost nothing) is always fine. It compares
 * the whole budget, not what is left of it: a request that has paid out part of its budget may still
 * offer a reward larger than what is left (it shows as spent until the budget is raised).
 */
export function rewardOverBudgetMessage(rewardCents: number, budgetCents: number): string | null {
  if (rewardCents === 0 || rewardCents <= budgetCents) return null;
  return `The reward (${formatEuros(rewardCents)}) is more than the whole budget (${formatEuros(budgetCents)}): lower the reward or raise the budget`;
}

/**
 * {@link rewardOverBudgetMessage} for a request's amounts, or null when either is not given or is itself
 * refused (it has its own message then). A form shows it beside other fields' messages: the schema's
 * refinement runs only once every field has passed its own checks (zod skips an object's refinements
 * after a field's aborting check), so a reviewer learned of it only after fixing everything else.
 */
export function rewardWithinBudgetMessage(request: {
  rewardCents?: number | undefined;
  budgetCents?: number | undefined;
}): string | null {
  const { rewardCents, budgetCents } = request;
  const isAmount = (cents: number | undefined): cents is number =>
    cents !== undefined && Number.isInteger(cents) && cents >= 0 && cents <= MAX_MONEY_CENTS;
  if (!isAmount(rewardCents) || !isAmount(budgetCents)) return null;
  return rewardOverBudgetMessage(rewardCents, budgetCents);
}

/** The refinement that puts {@link rewardWithinBudgetMessage} on `rewardCents`. */
export function checkRewardWithinBudget(
  request: { rewardCents?: number | undefined; budgetCents?: number | undefined },
  ctx: z.RefinementCtx,
): void {
  const message = rewardWithinBudgetMessage(request);
  if (message) ctx.addIssue({ code: 'custom', path: ['rewardCents'], message });
}

/**
 * Why a deadline is refused at `now`, or null: it has already passed. Not part of the schema, because a
 * request read back may well be past its deadline; the server checks it on create and update, the form
 * before sending.
 */
export function pastDeadlineMessage(deadline: string | null | undefined, now: number): string | null {
  if (!deadline) return null;
  const at = Date.parse(deadline);
  if (Number.isNaN(at) || at > now) return null;
  return `The deadline ${deadline.slice(0, 10)} has already passed: choose a later date`;
}

/**
 * A refinement of a list whose entries must differ: each repeat is an issue at its index, named by
 * `message` (a list with one entry twice asks for nothing more, and reads like a slip).
 */
function noRepeats<T>(keyOf: (item: T) => string, message: (key: string) => string) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const key = keyOf(item);
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index], message: message(key) });
      seen.add(key);
    });
  };
}

/** Why a deadline is not a date: a day that does not exist (2027-02-31), or not a date at all. */
function deadlineMessage(input: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(input);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const at = new Date(Date.UTC(year, month - 1, date));
    if (at.getUTCMonth() !== month - 1 || at.getUTCDate() !== date) {
      return `There is no day ${day[0]}: check the date`;
    }
  }
  return 'Enter the deadline as a date: YYYY-MM-DD';
}

/** The fields of a data request, each with a message a person can act on. */
const dataRequestFields = {
  title: z
    .string({ error: 'Give the request a title' })
    .trim()
    .min(3, 'Give the request a title of at least 3 characters')
    .max(200, 'Keep the title to at most 200 characters'),
  description: z
    .string({ error: 'Describe the request in text' })
    .max(5000, 'Keep the description to at most 5,000 characters')
    .default(''),
  task: z.enum(TaskSchema.options, { error: `Choose a task: ${TaskSchema.options.join(', ')}` }),
  requiredColumns: z
    .array(
      z.object({
        // Trimmed, as a file's header is read: a space typed after a name (kept when the field is
        // left) asked for a column no file has.
        name: z.string().trim().min(1, 'Give each required column a name, as name:type'),
        type: z.enum(ColumnTypeSchema.options, {
          error: `Give each required column a type, as name:type, one of ${ColumnTypeSchema.options.join(', ')}`,
        }),
      }),
    )
    .superRefine(
      noRepeats(
        (column) => column.name,
        (name) => `Column “${name}” is listed twice: a file has one column of a name, of one type`,
      ),
    )
    .default([]),
  labelSet: z
    // Trimmed: "low " (the tag input keeps what was typed when the field is left) failed every file
    // labeled "low" as a class the request did not ask for.
    .array(z.string().trim().min(1, 'A label cannot be empty'))
    .superRefine(
      noRepeats(
        (label) => label,
        (label) => `Label “${label}” is listed twice`,
      ),
    )
    .default([]),
  minRows: z
    .number({ error: 'Enter the minimum number of rows' })
    .min(0, { error: 'The minimum number of rows cannot be negative', abort: true })
    .max(MAX_MIN_ROWS, { error: `Ask for at most ${MAX_MIN_ROWS.toLocaleString('en-US')} rows`, abort: true })
    .int('Enter a whole number of rows')
    .default(0),
  /** SPDX ids; empty means any licence that permits the use. */
  acceptedLicenses: z
    .array(z.string().min(1, 'A licence id cannot be empty'))
    .superRefine(
      noRepeats(
        (id) => id,
        (id) => `Licence “${id}” is listed twice`,
      ),
    )
    .default([]),
  /** Consent bases the enterprise accepts when people are in the data; empty means any. */
  requiredConsentBasis: z
    .array(
      z.enum(ConsentBasisSchema.options, {
        error: `Choose consent bases from: ${ConsentBasisSchema.options.join(', ')}`,
      }),
    )
    .default([]),
  /** Whether the licence must permit commercial use. */
  requiresCommercialUse: z
    .boolean({ error: 'Say whether the licence must permit commercial use' })
    .default(true),
  minQualityScore: z
    .number({ error: 'Enter a minimum quality score from 0 to 100' })
    .min(0, 'Enter a minimum quality score from 0 to 100')
    .max(100, 'Enter a minimum quality score from 0 to 100')
    // Scores are whole numbers (the threshold asks the same): 99.5 read as a minimum no score shows.
    .int('Use a whole score from 0 to 100')
    .default(0),
  rewardCents: moneySchema('reward'),
  budgetCents: moneySchema('budget'),
  deadline: z.iso
    // The format's check refuses days that do not exist (2027-02-31) too: those are told so.
    .datetime({ offset: true, error: (issue) => deadlineMessage(String(issue.input)) })
    .nullish(),
};

/**
 * What an enterprise asks for (demand). Money is in integer minor units (cents) so sums are exact.
 * Input schema for creating one; the server adds id, organisation and status. A non-zero reward must
 * fit in the budget ({@link rewardOverBudgetMessage}).
 */
export const DataRequestInputSchema = z.object(dataRequestFields).superRefine(checkRewardWithinBudget);
export type DataRequestInput = z.infer<typeof DataRequestInputSchema>;

/**
 * A data request as the API returns it. Read back, it is not held to today's input limits (a request
 * posted before them still reads), so money and minimum rows are any non-negative amount, the reward
 * is not checked against the budget, and columns and labels read as stored (from before they were trimmed, say).
 */
export const DataRequestSchema = z.object({
  ...dataRequestFields,
  requiredColumns: z.array(z.object({ name: z.string(), type: ColumnTypeSchema })),
  labelSet: z.array(z.string()),
  minRows: z.number().int().nonnegative(),
  minQualityScore: z.number().min(0).max(100),
  rewardCents: z.number().int().nonnegative(),
  budgetCents: z.number().int().nonnegative(),
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
