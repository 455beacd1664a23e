import { z } from 'zod';

/** The three quality dimensions of DESIGN.md. */
export const DimensionSchema = z.enum(['structure', 'context', 'provenance']);
export type Dimension = z.infer<typeof DimensionSchema>;

/** How much a finding matters: an error blocks enterprise grade, a warning costs points, info explains. */
export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

/** Where a finding points: a data row (1-based, header excluded), a column, or a manifest field path. */
export const FindingLocationSchema = z.object({
  row: z.number().int().nonnegative().nullish(),
  column: z.string().nullish(),
  field: z.string().nullish(),
});
export type FindingLocation = z.infer<typeof FindingLocationSchema>;

/**
 * One explainable result of a rule. Repeated findings are grouped: `count` is how often it happened and
 * `locations` a bounded sample of where. Messages never echo personal data.
 */
export const FindingSchema = z.object({
  /** Stable code, e.g. `structure.label-outside-schema`. */
  code: z.string(),
  dimension: DimensionSchema,
  severity: SeveritySchema,
  /** What is wrong, in words a layperson understands. */
  message: z.string(),
  /** How to fix it. */
  hint: z.string(),
  /** The first (or only) place it happened. */
  location: FindingLocationSchema.nullish(),
  /** A bounded sample of further places. */
  locations: z.array(FindingLocationSchema).optional(),
  /** How many times it happened. */
  count: z.number().int().nonnegative(),
});
export type Finding = z.infer<typeof FindingSchema>;

/**
 * The data rows a finding cites, in file order, once each: its first location and its bounded sample of
 * further ones. A reviewer can read these rows of a file not yet bought (`review.findingRows`), no others.
 */
export function findingRowNumbers(finding: Pick<Finding, 'location' | 'locations'>): number[] {
  const rows = [finding.location, ...(finding.locations ?? [])]
    .map((location) => location?.row)
    .filter((row): row is number => typeof row === 'number' && Number.isInteger(row) && row > 0);
  return [...new Set(rows)].sort((a, b) => a - b);
}

/**
 * Which finding's rows to read: a version, and the finding's index in its report's `findings`. The same for a
 * reviewer (`review.findingRows`) and for the contributor (`submission.version.findingRows`).
 */
export const FindingRowsInputSchema = z.object({
  versionId: z.uuid(),
  finding: z.number().int('Not the index of a finding').min(0, 'Not the index of a finding'),
});
export type FindingRowsInput = z.infer<typeof FindingRowsInputSchema>;

/** A score from 0 (unusable) to 100 (nothing to fix). */
export const ScoreSchema = z.number().min(0).max(100);

/** The scores per dimension and overall. */
export const ScoresSchema = z.object({
  structure: ScoreSchema,
  context: ScoreSchema,
  provenance: ScoreSchema,
  overall: ScoreSchema,
});
export type Scores = z.infer<typeof ScoresSchema>;

/**
 * The share of a column's rows (0–1) with a missing value above which `structure.missing-values` warns
 * about that column. Here, not in `@assay/quality`, so the web app's first load can colour the dataset
 * profile the way the rule judges without carrying the scorer.
 */
export const MISSING_VALUES_WARNING_SHARE = 0.05;

/** Counts the scorer saw while reading the file. */
export const DatasetStatsSchema = z.object({
  format: z.enum(['csv', 'tsv', 'jsonl']),
  bytes: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
  columns: z.number().int().nonnegative(),
  /** Rows per label value, as written in the file. */
  labelCounts: z.record(z.string(), z.number().int().nonnegative()),
  /** Missing (empty or null) values per column name. */
  missingPerColumn: z.record(z.string(), z.number().int().nonnegative()),
  duplicateRows: z.number().int().nonnegative(),
});
export type DatasetStats = z.infer<typeof DatasetStatsSchema>;

/**
 * The quality report of one file and manifest. The server's report is the score of record; the browser's
 * is the same code at the same `scorerVersion`, so they agree byte for byte.
 */
export const QualityReportSchema = z.object({
  scorerVersion: z.string(),
  scores: ScoresSchema,
  /** Overall score at or above the threshold and no error-severity finding. */
  enterpriseGrade: z.boolean(),
  threshold: z.number().min(0).max(100),
  stats: DatasetStatsSchema,
  findings: z.array(FindingSchema),
  /**
   * Fingerprints of this file's rows (hex strings), a bounded sample kept by the server to detect copies
   * of accepted data in later submissions.
   */
  fingerprints: z.array(z.string()),
});
export type QualityReport = z.infer<typeof QualityReportSchema>;
