import { estimateOverlap } from './overlap.ts';
import { defineRule, fail, PASS, percent } from './rule.ts';

/** Share of rows in common with accepted data at which a file counts as a copy. */
export const COPY_SHARE = 0.5;

/** Most of the rows are already in other contributors' accepted data: a copy is not a contribution. */
export const copiedData = defineRule({
  code: 'provenance.copied-data',
  dimension: 'provenance',
  severity: 'error',
  weight: 10,
  title: "Copy of someone else's data",
  evaluate: (context) => {
    const overlap = estimateOverlap(context);
    if (overlap === null) return null;
    if (overlap.share < COPY_SHARE) return PASS;
    return fail([
      {
        message: `About ${percent(overlap.matched, overlap.compared)} of the rows are already in data other contributors had accepted.`,
        hint: 'Submit only data you collected or made yourself; remove rows copied from elsewhere.',
        count: overlap.matched,
      },
    ]);
  },
});
