import { defineRule, fail, PASS } from './rule.ts';

const GENERIC =
  /^(untitled|new|my|test|sample|final|export)?\s*(dataset|data set|data|file|csv|tsv|jsonl|table|sheet\d*|export|test|untitled)\s*(\d+|v\d+|final|copy)?(\.\w+)?$/i;

/** A title that could name any file ("dataset", "data.csv", "Untitled 2"). */
export const titleGeneric = defineRule({
  code: 'context.title-generic',
  dimension: 'context',
  severity: 'warning',
  weight: 3,
  title: 'Generic title',
  evaluate: ({ manifest }) => {
    const title = manifest.title.trim();
    if (title.split(/\s+/).length >= 3 && !GENERIC.test(title)) return PASS;
    return fail(
      [
        {
          message: `The title "${title.slice(0, 60)}" does not say what the data is.`,
          hint: 'Use a title that names the content and the labels, e.g. "Customer support tickets, labeled by urgency".',
          location: { field: 'title' },
          count: 1,
        },
      ],
      GENERIC.test(title) ? 0 : 0.5,
    );
  },
});
