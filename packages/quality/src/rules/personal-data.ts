import type { Evidence } from '../evidence.ts';
import type { PiiKind } from '../pii.ts';
import type { FindingDraft } from './rule.ts';
import { personalDataIn, plural, rowLocations } from './rule.ts';

const KIND_NAMES: Record<PiiKind, [string, string]> = {
  email: ['email address', 'email addresses'],
  phone: ['phone number', 'phone numbers'],
  card: ['payment card number', 'payment card numbers'],
};

/**
 * One finding per column and kind of personal data found; never echoes the values themselves. "Not quoted
 * in this report" rather than "not shown": the rows may be shown on request, masked to reviewers.
 */
export function personalDataFindings(evidence: Evidence, hint: string): FindingDraft[] {
  const findings: FindingDraft[] = [];
  for (const column of evidence.columns) {
    for (const kind of ['email', 'phone', 'card'] as const) {
      const occurrences = personalDataIn(column, kind);
      if (occurrences === null) continue;
      const [one, many] = KIND_NAMES[kind];
      findings.push({
        message: `Column "${column.name}" contains what look like ${many} (${plural(occurrences.count, 'row')}). ${
          occurrences.count === 1 ? `The ${one} is` : 'They are'
        } not quoted in this report.`,
        hint,
        ...rowLocations(occurrences, column.name),
      });
    }
  }
  return findings;
}
