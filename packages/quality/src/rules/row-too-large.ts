import { MAX_RECORD_CHARS } from '../csv-tokenizer.ts';
import { defineRule, fail, formatCount, isReadable, PASS, plural, rowLocations } from './rule.ts';

/** Records longer than the scorer keeps in memory (about 4 million characters): skipped, not scored. */
export const rowTooLarge = defineRule({
  code: 'structure.row-too-large',
  dimension: 'structure',
  severity: 'error',
  weight: 4,
  title: 'Row too large',
  evaluate: ({ evidence }) => {
    if (!isReadable(evidence)) return null;
    const occurrences = evidence.oversized;
    if (occurrences.count === 0) return PASS;
    return fail([
      {
        message: `${plural(occurrences.count, 'row is', 'rows are')} longer than ${formatCount(MAX_RECORD_CHARS)} characters and ${occurrences.count === 1 ? 'was' : 'were'} skipped. Often a quote that is never closed swallows the rest of the file.`,
        hint: 'Check for an unclosed quote before these rows; split very long values or store them as separate files.',
        ...rowLocations(occurrences),
      },
    ]);
  },
});
