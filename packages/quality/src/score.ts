import {
  type Dimension,
  type FileFormat,
  type Finding,
  type Manifest,
  ManifestSchema,
  type QualityReport,
  type Severity,
} from '@assay/schema';
import type { z } from 'zod';
import type { Evidence } from './evidence.ts';
import { ALL_RULES } from './rules/index.ts';
import type { ContributorRecord, Requirements, RuleContext } from './rules/rule.ts';
import { scanSource } from './scan.ts';
import type { ByteSource } from './source.ts';
import { SCORER_VERSION } from './version.ts';

/** How scoring is configured for one file. */
export interface ScoreOptions {
  /** Enterprise-grade threshold on the overall score, 0–100; default {@link DEFAULT_THRESHOLD}. */
  threshold?: number;
  /** Fingerprints (from earlier reports) of other contributors' accepted data. */
  acceptedFingerprints?: Iterable<string>;
  /**
   * Without `acceptedFingerprints`: the caller cannot see other contributors' accepted data (a browser's
   * pre-score), but the score of record will compare with it. The file is scored as sharing no rows with
   * it, so that a pre-score agrees with the record for data that is the contributor's own; left out, the
   * overlap rules are not scored at all and a pre-score differs from a record that scored them.
   */
  isOverlapCheckedLater?: boolean;
  /** A data request's needs, when the file is submitted to one. */
  requirements?: Requirements;
  /**
   * What reviewers decided on the contributor's earlier submissions (`provenance.contributor-record`).
   * Counts that are not whole, or more accepted than decided, are ignored as if absent.
   */
  contributorRecord?: ContributorRecord;
  /** Stops reading; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * The file's size in bytes, when the caller knows it (a `File`'s size, a stat): the duplicate table is
   * then sized once, about a tenth faster and smaller at 1M rows than grown as rows come. The report is
   * the same with or without it.
   */
  totalBytes?: number;
  /** Called as bytes are read, with bytes and rows done so far. */
  onProgress?: (p: { bytes: number; rows: number }) => void;
}

/** Default enterprise-grade threshold. */
export const DEFAULT_THRESHOLD = 70;

/** How much each dimension counts towards the overall score (sums to 1). */
export const DIMENSION_WEIGHTS: Readonly<Record<Dimension, number>> = {
  structure: 0.4,
  context: 0.3,
  provenance: 0.3,
};

/** The weights table: every rule's code, dimension, severity, weight and title. */
export const RULES: readonly {
  code: string;
  dimension: Dimension;
  severity: Severity;
  weight: number;
  title: string;
}[] = ALL_RULES.map(({ code, dimension, severity, weight, title }) => ({
  code,
  dimension,
  severity,
  weight,
  title,
}));

/** Codes that mean the file could not be read at all: the structure score is then 0. */
const FATAL_CODES = new Set(['structure.empty-file', 'structure.binary-file', 'structure.no-rows']);

/** The manifest is malformed (wrong types, unknown enum values, missing required fields): unusable input. */
export class InvalidManifestError extends Error {
  override readonly name = 'InvalidManifestError';
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super(
      `The manifest is malformed: ${issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`,
    );
  }
}

/**
 * Scores a data file against its manifest: streams the bytes once, runs every rule, and returns the
 * report. The same bytes, manifest and options give a byte-identical report in Node and in a browser.
 * Throws {@link InvalidManifestError} for a malformed manifest and the signal's reason when aborted.
 */
export async function scoreDataset(input: {
  source: ByteSource;
  format?: FileFormat;
  manifest: Manifest;
  options?: ScoreOptions;
}): Promise<QualityReport> {
  const parsed = ManifestSchema.safeParse(input.manifest);
  if (!parsed.success) throw new InvalidManifestError(parsed.error.issues);
  const manifest = parsed.data;
  const options = input.options ?? {};
  options.signal?.throwIfAborted();
  const evidence = await scanSource(input.source, input.format, manifest, {
    signal: options.signal,
    onProgress: options.onProgress,
    totalBytes: options.totalBytes,
  });
  return buildReport(evidence, manifest, options);
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const DIMENSION_ORDER: Record<Dimension, number> = { structure: 0, context: 1, provenance: 2 };

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    DIMENSION_ORDER[a.dimension] - DIMENSION_ORDER[b.dimension] ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
    (a.location?.row ?? -1) - (b.location?.row ?? -1)
  );
}

/** Turns scan evidence into the report: rule outcomes, weighted scores, sorted findings and stats. */
export function buildReport(evidence: Evidence, manifest: Manifest, options: ScoreOptions): QualityReport {
  const threshold = Math.min(100, Math.max(0, options.threshold ?? DEFAULT_THRESHOLD));
  const context: RuleContext = {
    evidence,
    manifest,
    requirements: options.requirements ?? null,
    acceptedFingerprints: options.acceptedFingerprints ? new Set(options.acceptedFingerprints) : null,
    isOverlapCheckedLater: options.isOverlapCheckedLater === true,
    contributorRecord: validRecord(options.contributorRecord),
  };
  const earned: Record<Dimension, number> = { structure: 0, context: 0, provenance: 0 };
  const possible: Record<Dimension, number> = { structure: 0, context: 0, provenance: 0 };
  const findings: Finding[] = [];
  let isFatal = false;
  for (const rule of ALL_RULES) {
    const result = rule.evaluate(context);
    if (result === null) continue;
    const outcome = Math.min(1, Math.max(0, result.outcome));
    earned[rule.dimension] += rule.weight * outcome;
    possible[rule.dimension] += rule.weight;
    if (result.findings.length > 0 && FATAL_CODES.has(rule.code)) isFatal = true;
    for (const draft of result.findings) {
      const finding: Finding = {
        code: rule.code,
        dimension: rule.dimension,
        severity: rule.severity,
        message: draft.message,
        hint: draft.hint,
        location: draft.location ? cleanLocation(draft.location) : null,
        count: draft.count,
      };
      if (draft.locations && draft.locations.length > 0)
        finding.locations = draft.locations.map(cleanLocation);
      findings.push(finding);
    }
  }
  const score = (dimension: Dimension) =>
    possible[dimension] === 0 ? 100 : (100 * earned[dimension]) / possible[dimension];
  const structure = isFatal ? 0 : score('structure');
  const contextScore = score('context');
  const provenance = score('provenance');
  const overall =
    structure * DIMENSION_WEIGHTS.structure +
    contextScore * DIMENSION_WEIGHTS.context +
    provenance * DIMENSION_WEIGHTS.provenance;
  findings.sort(compareFindings);
  const scores = {
    structure: round1(structure),
    context: round1(contextScore),
    provenance: round1(provenance),
    overall: round1(overall),
  };
  return {
    scorerVersion: SCORER_VERSION,
    scores,
    enterpriseGrade: scores.overall >= threshold && !findings.some((f) => f.severity === 'error'),
    threshold,
    stats: buildStats(evidence),
    findings,
    fingerprints: evidence.fingerprints,
  };
}

function validRecord(record: ContributorRecord | undefined): ContributorRecord | null {
  if (record === undefined) return null;
  const { accepted, decided } = record;
  const isWhole = Number.isSafeInteger(accepted) && Number.isSafeInteger(decided);
  return isWhole && accepted >= 0 && accepted <= decided ? { accepted, decided } : null;
}

/** Drops empty keys so reports stay small and stable. */
function cleanLocation(location: { row?: number | null; column?: string | null; field?: string | null }) {
  const clean: { row?: number; column?: string; field?: string } = {};
  if (location.row !== undefined && location.row !== null) clean.row = location.row;
  if (location.column !== undefined && location.column !== null) clean.column = location.column;
  if (location.field !== undefined && location.field !== null) clean.field = location.field;
  return clean;
}

/** Most columns listed in `stats.missingPerColumn` (a 100,000-column file keeps a short report). */
const MAX_STATS_COLUMNS = 1000;

function buildStats(evidence: Evidence): QualityReport['stats'] {
  const labels = [...evidence.labelCounts.entries()]
    .map(([label, entry]) => [label, entry.count] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const missing: [string, number][] = [];
  const seen = new Set<string>();
  for (const column of evidence.columns) {
    if (missing.length >= MAX_STATS_COLUMNS) break;
    if (seen.has(column.name)) continue;
    seen.add(column.name);
    missing.push([column.name, column.missing]);
  }
  // Object.fromEntries defines own properties, so keys such as "__proto__" stay plain data.
  return {
    format: evidence.format,
    bytes: evidence.bytes,
    rows: evidence.rows,
    columns: evidence.columns.length,
    labelCounts: Object.fromEntries(labels),
    missingPerColumn: Object.fromEntries(missing),
    duplicateRows: evidence.duplicates.count,
  };
}
