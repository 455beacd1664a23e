import { defineRule, fail, isReadable, PASS } from './rule.ts';

/** The first row looks like data, not column names: the header row is missing. */
export const headerMissing = defineRule({
  code: 'structure.header-missing',
  dimension: 'structure',
  severity: 'error',
  weight: 5,
  title: 'Header row missing',
  evaluate: ({ evidence }) => {
    if (!isReadable(evidence) || evidence.format === 'jsonl') return null;
    if (!evidence.headerLooksLikeData) return PASS;
    return fail([
      {
        message:
          'The first row looks like data rather than column names, so the file seems to have no header.',
        hint: 'Add a first row with the column names declared in the manifest (e.g. "text,urgency,created").',
        location: { row: 0 },
        count: 1,
      },
    ]);
  },
});
