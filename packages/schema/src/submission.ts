import { z } from 'zod';

/**
 * States of a submission version, as in DESIGN.md: draft → submitted → scoring → scored → in review →
 * accepted | rejected | changes requested; withdrawn by the contributor before a decision. A version that
 * a newer version replaced is `superseded` and can no longer be decided.
 */
export const SubmissionStateSchema = z.enum([
  'draft',
  'submitted',
  'scoring',
  'scored',
  'in_review',
  'accepted',
  'rejected',
  'changes_requested',
  'withdrawn',
  'superseded',
]);
export type SubmissionState = z.infer<typeof SubmissionStateSchema>;

/** States in which a reviewer's decision has been made. */
export const DECIDED_STATES = [
  'accepted',
  'rejected',
  'changes_requested',
] as const satisfies readonly SubmissionState[];

/** States from which the contributor may still withdraw. */
export const WITHDRAWABLE_STATES = [
  'draft',
  'submitted',
  'scoring',
  'scored',
  'in_review',
] as const satisfies readonly SubmissionState[];

/**
 * Whether a version is a draft the contributor discarded: withdrawn before it was ever submitted. The
 * submission then stands on the version before it (the list, the submission page, a new version's base).
 */
export function isDiscardedDraft(version: { state: string; submittedAt: string | number | null }): boolean {
  return version.state === 'withdrawn' && version.submittedAt === null;
}

/** File formats Assay reads. */
export const FileFormatSchema = z.enum(['csv', 'tsv', 'jsonl']);
export type FileFormat = z.infer<typeof FileFormatSchema>;

/** An opaque id (UUID) of any stored object. */
export const IdSchema = z.uuid();

/** A stored file: content-addressed by SHA-256. */
export const StoredFileSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'A SHA-256 is 64 lowercase hex characters'),
  size: z.number().int().nonnegative(),
  format: FileFormatSchema,
  /** What the contributor called it; for display only, never used as a path. */
  name: z.string().max(255),
});
export type StoredFile = z.infer<typeof StoredFileSchema>;
