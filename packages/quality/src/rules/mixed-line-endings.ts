import { defineRule, fail, hasData, PASS } from './rule.ts';

/** Some lines end in CRLF (Windows) and others in LF: the file was edited with different tools. */
export const mixedLineEndings = defineRule({
  code: 'structure.mixed-line-endings',
  dimension: 'structure',
  severity: 'info',
  weight: 1,
  title: 'Mixed line endings',
  evaluate: ({ evidence }) => {
    if (evidence.format === 'jsonl' || !hasData(evidence)) return null;
    if (evidence.crlfLines === 0 || evidence.lfLines === 0) return PASS;
    return fail(
      [
        {
          message:
            'Some lines end Windows-style (CRLF) and others Unix-style (LF). They were read correctly here.',
          hint: 'Save the file once from one tool so every line ends the same way.',
          count: Math.min(evidence.crlfLines, evidence.lfLines),
        },
      ],
      0.5,
    );
  },
});
