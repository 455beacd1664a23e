import type { DraftManifest, QualityReport, SubmissionState } from '@assay/schema';
import type { VersionRow } from './repository.ts';

/** A version as the API returns it: parsed JSON, ISO dates, no storage columns. */
export function toVersionView(row: VersionRow) {
  return {
    id: row.id,
    submissionId: row.submission_id,
    number: row.number,
    state: row.state as SubmissionState,
    manifest: JSON.parse(row.manifest) as DraftManifest,
    file: row.file_sha256
      ? {
          sha256: row.file_sha256,
          name: row.file_name ?? 'data',
          format: row.file_format,
          rows: row.row_count,
          /** In bytes; null only if the stored file's record is missing. */
          size: row.file_size === null ? null : Number(row.file_size),
        }
      : null,
    report: row.report ? (JSON.parse(row.report) as QualityReport) : null,
    score: row.score_overall,
    enterpriseGrade: row.enterprise_grade === null ? null : row.enterprise_grade === 1,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    submittedAt: row.submitted_at === null ? null : iso(row.submitted_at),
    scoredAt: row.scored_at === null ? null : iso(row.scored_at),
    decidedAt: row.decided_at === null ? null : iso(row.decided_at),
    /** Set while a version is a draft again because the server could not score it (see give-up-scoring.ts). */
    scoringFailedAt:
      row.state === 'draft' && row.scoring_failed_at !== null ? iso(Number(row.scoring_failed_at)) : null,
  };
}
export type VersionView = ReturnType<typeof toVersionView>;

export const iso = (epochMs: number) => new Date(epochMs).toISOString();

/** A stored manifest's title, for lists that show no more of it ("Untitled" for a draft without one). */
export const manifestTitle = (manifest: string) =>
  (JSON.parse(manifest) as DraftManifest).title ?? 'Untitled';
