import { z } from 'zod';
import type { Dimension } from './quality-report.ts';

/** What a reviewer decides about the version in review. */
export const DecisionSchema = z.enum(['accept', 'reject', 'request_changes']);
export type Decision = z.infer<typeof DecisionSchema>;

/**
 * The fixed reason-code taxonomy. Every code maps onto one quality dimension, or onto "not what we asked
 * for" (`fit`), so analytics can say which dimension most often causes rejection.
 */
export const REASON_CODES = {
  'structure.parse-errors': { dimension: 'structure', label: 'File does not parse cleanly' },
  'structure.schema-mismatch': { dimension: 'structure', label: 'Columns or types differ from the manifest' },
  'structure.label-quality': { dimension: 'structure', label: 'Labels wrong, inconsistent or unbalanced' },
  'structure.duplicates': { dimension: 'structure', label: 'Too many duplicate rows' },
  'structure.personal-data': { dimension: 'structure', label: 'Undeclared personal data' },
  'context.missing-datasheet': { dimension: 'context', label: 'Datasheet incomplete' },
  'context.undefined-labels': { dimension: 'context', label: 'Label classes not defined' },
  'context.unclear-collection': { dimension: 'context', label: 'Collection method or period unclear' },
  'provenance.license': { dimension: 'provenance', label: 'Licence missing or does not permit our use' },
  'provenance.consent': { dimension: 'provenance', label: 'Consent basis missing or insufficient' },
  'provenance.source': { dimension: 'provenance', label: 'Source not declared or not verifiable' },
  'provenance.copied': { dimension: 'provenance', label: "Copy of someone else's data" },
  'provenance.attestation': { dimension: 'provenance', label: 'Attestation missing or not signed' },
  'fit.not-requested': { dimension: 'fit', label: 'Not what we asked for' },
  'fit.too-small': { dimension: 'fit', label: 'Fewer rows than required' },
  'accept.meets-requirements': { dimension: 'fit', label: 'Meets our requirements' },
  'accept.high-quality': { dimension: 'fit', label: 'High quality, well documented' },
} as const satisfies Record<string, { dimension: Dimension | 'fit'; label: string }>;

/** A reason code from {@link REASON_CODES}. */
export type ReasonCode = keyof typeof REASON_CODES;
export const ReasonCodeSchema = z.enum(Object.keys(REASON_CODES) as [ReasonCode, ...ReasonCode[]], {
  error: 'Choose reasons from the list',
});

/** The most characters a review's comment may have. */
export const REVIEW_COMMENT_MAX = 5000;
/** The most reason codes one decision may give. */
export const REVIEW_REASONS_MAX = 10;

/** The longest time spent on one review that is recorded: a page left open overnight counts a day. */
export const REVIEW_TIME_SPENT_MAX_MS = 86_400_000;

/**
 * The time a reviewer spent on a version, from when its page opened to `now`, as the schema takes it: whole
 * milliseconds between 0 and a day. A page left open for more than a day (or a clock set back) could not
 * send its decision at all: the schema refused the time, and the form showed no error for it.
 */
export function reviewTimeSpentMs(openedAt: number, now: number): number {
  return Math.min(REVIEW_TIME_SPENT_MAX_MS, Math.max(0, Math.round(now - openedAt)));
}

/** A reviewer's decision on one version, always with reasons and a comment. */
export const ReviewInputSchema = z
  .object({
    versionId: z.uuid('Not the id of a version'),
    decision: z.enum(DecisionSchema.options, {
      error: 'Choose a decision: accept, reject or ask for changes',
    }),
    reasonCodes: z
      .array(ReasonCodeSchema, { error: 'Choose at least one reason' })
      .min(1, 'Choose at least one reason')
      .max(REVIEW_REASONS_MAX, `Choose at most ${REVIEW_REASONS_MAX} reasons`),
    comment: z
      .string({ error: 'Explain the decision in a comment' })
      .trim()
      .min(1, 'Explain the decision in a comment')
      .max(
        REVIEW_COMMENT_MAX,
        `Keep the comment to at most ${REVIEW_COMMENT_MAX.toLocaleString('en-US')} characters`,
      ),
    /** Milliseconds the reviewer spent on this version, measured by the client ({@link reviewTimeSpentMs}). */
    timeSpentMs: z
      .number()
      .min(0, { error: 'The time spent cannot be negative', abort: true })
      .max(REVIEW_TIME_SPENT_MAX_MS, { error: 'The time spent is at most a day', abort: true })
      .int('The time spent is whole milliseconds')
      .default(0),
  })
  .superRefine((review, ctx) => {
    const isAccept = review.decision === 'accept';
    review.reasonCodes.forEach((code, index) => {
      if (code.startsWith('accept.') !== isAccept) {
        ctx.addIssue({
          code: 'custom',
          path: ['reasonCodes', index],
          message: isAccept
            ? `"${code}" is a reason to reject or ask for changes, not to accept`
            : `"${code}" is a reason to accept`,
        });
      }
    });
  });
export type ReviewInput = z.infer<typeof ReviewInputSchema>;

/** What the review queue sorts by: the overall score, or when the version was submitted (its age). */
export const QueueSortSchema = z.enum(['score', 'age']);
export type QueueSort = z.infer<typeof QueueSortSchema>;

/** The direction of the review queue's sort. Ties are always broken by version id, ascending. */
export const QueueOrderSchema = z.enum(['asc', 'desc']);
export type QueueOrder = z.infer<typeof QueueOrderSchema>;

/**
 * Where a page of the review queue ends: the last version's sort value and id, in the sort and order the
 * page was read in. The next page starts strictly after it (keyset paging), so versions decided meanwhile
 * neither shift the next page nor make it skip one. `value` is the overall score (`score`) or the epoch
 * milliseconds of submission (`age`): a version in review always has both.
 */
export const QueueCursorSchema = z.object({
  sort: QueueSortSchema,
  order: QueueOrderSchema,
  value: z.number(),
  versionId: z.uuid(),
});
export type QueueCursor = z.infer<typeof QueueCursorSchema>;

/** The cursor as the client holds it: opaque, URL-safe text (base64url of a JSON array). */
export function encodeQueueCursor(cursor: QueueCursor): string {
  const json = JSON.stringify([cursor.sort, cursor.order, cursor.value, cursor.versionId]);
  return btoa(json).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** The cursor {@link encodeQueueCursor} made, or `null` for any other text. */
export function decodeQueueCursor(text: string): QueueCursor | null {
  try {
    const [sort, order, value, versionId] = JSON.parse(
      atob(text.replaceAll('-', '+').replaceAll('_', '/')),
    ) as unknown[];
    const parsed = QueueCursorSchema.safeParse({ sort, order, value, versionId });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * A page of the review queue: versions in review for the caller's organisations (operators: all),
 * optionally one request's (`requestId`) or those scoring at least `minScore`, sorted, `limit` at a time.
 * `cursor` is the `nextCursor` of the page before, read with the same sort and order; it reaches the
 * server decoded, and any other text, or a cursor of another sort or order, is a field error on `cursor`.
 */
export const ReviewQueueInputSchema = z
  .object({
    requestId: z.uuid().optional(),
    minScore: z
      .number({ error: 'Enter a score from 0 to 100' })
      .min(0, 'Use a minimum score from 0 to 100')
      .max(100, 'Use a minimum score from 0 to 100')
      .optional(),
    sort: QueueSortSchema.default('age'),
    order: QueueOrderSchema.default('asc'),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: z
      .string()
      .max(200)
      .transform((text, ctx) => {
        const cursor = decodeQueueCursor(text);
        if (cursor) return cursor;
        ctx.addIssue({
          code: 'custom',
          message: 'Not a cursor of the review queue: start again from the first page',
        });
        return z.NEVER;
      })
      .optional(),
  })
  .superRefine((input, ctx) => {
    if (input.cursor && (input.cursor.sort !== input.sort || input.cursor.order !== input.order)) {
      ctx.addIssue({
        code: 'custom',
        path: ['cursor'],
        message: `This cursor is for another order (${input.cursor.sort} ${input.cursor.order}, not ${input.sort} ${input.order}): start again from the first page`,
      });
    }
  });
export type ReviewQueueInput = z.infer<typeof ReviewQueueInputSchema>;
