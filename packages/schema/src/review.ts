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
  'fit.not-requested': { dimension: 'fit', label: 'Not what we asked for' },
  'fit.too-small': { dimension: 'fit', label: 'Fewer rows than required' },
  'accept.meets-requirements': { dimension: 'fit', label: 'Meets our requirements' },
  'accept.high-quality': { dimension: 'fit', label: 'High quality, well documented' },
} as const satisfies Record<string, { dimension: Dimension | 'fit'; label: string }>;

/** A reason code from {@link REASON_CODES}. */
export type ReasonCode = keyof typeof REASON_CODES;
export const ReasonCodeSchema = z.enum(Object.keys(REASON_CODES) as [ReasonCode, ...ReasonCode[]]);

/** A reviewer's decision on one version, always with reasons and a comment. */
export const ReviewInputSchema = z
  .object({
    versionId: z.uuid(),
    decision: DecisionSchema,
    reasonCodes: z.array(ReasonCodeSchema).min(1, 'Choose at least one reason').max(10),
    comment: z.string().trim().min(1, 'Explain the decision in a comment').max(5000),
    /** Milliseconds the reviewer spent on this version, measured by the client. */
    timeSpentMs: z.number().int().nonnegative().max(86_400_000).default(0),
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
