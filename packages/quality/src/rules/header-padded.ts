import { defineRule, fail, isReadable, PASS, plural } from './rule.ts';

/**
 * Header names with spaces at their ends ("review "): read without them, so "review" in the manifest is the
 * column, but said, since other tools read the name as written and would miss it.
 */
export const headerPadded = defineRule({
  code: 'structure.header-padded',
  dimension: 'structure',
  severity: 'info',
  weight: 1,
  title: 'Column names with spaces at their ends',
  evaluate: ({ evidence }) => {
    if (!isReadable(evidence) || evidence.format === 'jsonl' || evidence.header.length === 0) return null;
    const padded = evidence.paddedHeaderNames;
    if (padded.length === 0) return PASS;
    const names = padded.slice(0, 5).map((name) => `"${name}"`);
    return fail(
      [
        {
          message: `${plural(padded.length, 'column name has', 'column names have')} spaces at the ends (${names.join(', ')}${padded.length > 5 ? ', …' : ''}); Assay reads ${padded.length === 1 ? 'it' : 'them'} without the spaces.`,
          hint: 'Delete the spaces around the names in the first row, so that every tool reads the same names.',
          location: { row: 0 },
          count: padded.length,
        },
      ],
      0.5,
    );
  },
});
