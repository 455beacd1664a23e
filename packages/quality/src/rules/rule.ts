import type { ColumnType, Dimension, FindingLocation, Manifest, Severity } from '@assay/schema';
import type { ColumnEvidence, Evidence, Occurrences } from '../evidence.ts';
import type { PiiKind } from '../pii.ts';

/** A data request's needs, when the file is submitted to one. */
export interface Requirements {
  acceptedLicenses?: string[];
  requiresCommercialUse?: boolean;
  minRows?: number;
  requiredColumns?: { name: string; type: ColumnType }[];
  labelSet?: string[];
  /** Consent bases the request accepts (`provenance.consentBasis` values); empty or absent: any. */
  acceptedConsentBases?: string[];
  /** The task the request asks for (`manifest.task` values); absent: any. */
  task?: string;
}

/**
 * What reviewers decided on a contributor's earlier submissions: of those that reached a final decision
 * (`decided`, accepted or rejected), how many were accepted.
 */
export interface ContributorRecord {
  accepted: number;
  decided: number;
}

/** What every rule sees: the scan's evidence, the manifest and the scoring options. */
export interface RuleContext {
  evidence: Evidence;
  manifest: Manifest;
  requirements: Requirements | null;
  /** Fingerprints of other contributors' accepted data, or null when none were given. */
  acceptedFingerprints: ReadonlySet<string> | null;
  /** No accepted fingerprints here, but the score of record compares them: assume no overlap. */
  isOverlapCheckedLater: boolean;
  /** The contributor's record, or null when none was given (or it was not whole counts with accepted ≤ decided). */
  contributorRecord: ContributorRecord | null;
}

/** A finding before the registry stamps it with the rule's code, dimension and severity. */
export interface FindingDraft {
  message: string;
  hint: string;
  location?: FindingLocation | null;
  locations?: FindingLocation[];
  count: number;
}

/** How a rule did: `outcome` from 0 (failed completely) to 1 (passed), and what to tell the contributor. */
export interface RuleResult {
  outcome: number;
  findings: FindingDraft[];
}

/** A named check with a stable finding code; its weight counts towards its dimension's score. */
export interface Rule {
  code: string;
  dimension: Dimension;
  severity: Severity;
  weight: number;
  title: string;
  /** `null` when the rule does not apply (e.g. label rules on a regression task). */
  evaluate(context: RuleContext): RuleResult | null;
}

/** Declares a rule (an identity function that keeps the literal types checked). */
export function defineRule(rule: Rule): Rule {
  return rule;
}

/** A passed rule. */
export const PASS: RuleResult = { outcome: 1, findings: [] };

/** A failed rule with findings: outcome 0 unless given. */
export function fail(findings: FindingDraft[], outcome = 0): RuleResult {
  return { outcome, findings };
}

/**
 * Outcome for a share of bad rows: 1 with none, falling linearly to 0 when `bad / total` reaches
 * `tolerance` (e.g. 0.1: one row in ten is as bad as it gets).
 */
export function shareOutcome(bad: number, total: number, tolerance: number): number {
  if (bad === 0 || total === 0) return 1;
  return Math.max(0, 1 - bad / total / tolerance);
}

/** Whether the file had readable data rows: most structure rules apply only then. */
export function hasData(evidence: Evidence): boolean {
  return !evidence.isEmpty && !evidence.isBinary && evidence.rows > 0;
}

/**
 * The personal data of a kind the scan found in a column, or null for none. An integer column's long
 * values are card numbers only when nearly all of them pass the Luhn check: about one in ten would by
 * chance in a column of 16-digit identifiers.
 */
export function personalDataIn(column: ColumnEvidence, kind: PiiKind): Occurrences | null {
  const occurrences = column.pii?.[kind];
  if (!occurrences || occurrences.count === 0) return null;
  if (column.type === 'integer' && occurrences.count * 10 < column.longIntegers * 9) return null;
  return occurrences;
}

/** Whether people are in the data: the manifest says so, or the scan found personal data in a column. */
export function hasPeople(manifest: Manifest, evidence: Evidence): boolean {
  if (manifest.provenance?.containsPersonalData === true) return true;
  return (
    hasData(evidence) &&
    evidence.columns.some((c) =>
      (['email', 'phone', 'card'] as const).some((kind) => personalDataIn(c, kind)),
    )
  );
}

/** Whether the file could be read at all (not empty, not binary). */
export function isReadable(evidence: Evidence): boolean {
  return !evidence.isEmpty && !evidence.isBinary;
}

/** Locations of grouped rows: the first as `location`, the rest as `locations`. */
export function rowLocations(
  occurrences: Occurrences,
  column?: string,
): Pick<FindingDraft, 'location' | 'locations' | 'count'> {
  const all = occurrences.rows.map((row) => (column === undefined ? { row } : { row, column }));
  return { location: all[0] ?? null, locations: all.slice(1), count: occurrences.count };
}

/**
 * A whole number with en-US thousands separators ("1,234,567"), as `toLocaleString('en-US')` writes it,
 * without building an `Intl.NumberFormat` each time (tens of microseconds a call, more the first time).
 */
export function formatCount(count: number): string {
  const digits = String(Math.abs(count));
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) {
    const group = digits.slice(Math.max(0, end - 3), end);
    out = out === '' ? group : `${group},${out}`;
  }
  return count < 0 ? `-${out}` : out;
}

/** "1 row" / "3 rows". */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${formatCount(count)} ${count === 1 ? noun : nouns}`;
}

/** A percentage with one decimal, for messages. */
export function percent(part: number, whole: number): string {
  return `${whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10}%`;
}

const PLACEHOLDERS =
  /^(n\/?a|tbd|tba|todo|none|unknown|null|nil|-+|\.+|\?+|x+|test|testing|asdf|lorem ipsum.*|same as above|see above|see description|no|yes|data|dataset|my data|description|placeholder|\.\.\.)$/i;

/** Whether a documentation text is missing, a placeholder (`n/a`, `TBD`, `lorem ipsum`), or usable. */
export function documentationState(
  text: string | null | undefined,
  minWords = 1,
): 'missing' | 'placeholder' | 'too-short' | 'ok' {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') return 'missing';
  if (PLACEHOLDERS.test(trimmed) || /lorem ipsum/i.test(trimmed)) return 'placeholder';
  if (trimmed.split(/\s+/).length < minWords) return 'too-short';
  return 'ok';
}
