import { COPY_SHARE } from './copied-data.ts';
import { estimateOverlap } from './overlap.ts';
import { defineRule, fail, PASS, percent } from './rule.ts';

/** Share of rows in common with accepted data from which it is reported. */
const REPORT_SHARE = 0.05;

/** Some rows (5–50%) are already in other contributors' accepted data. */
export const overlappingData = defineRule({
  code: 'provenance.overlapping-data',
  dimension: 'provenance',
  severity: 'warning',
  weight: 4,
  title: 'Overlap with accepted data',
  evaluate: (context) => {
    const overlap = estimateOverlap(context);
    if (overlap === null || overlap.share >= COPY_SHARE) return null;
    if (overlap.share < REPORT_SHARE) return PASS;
    return fail(
      [
        {
          message: `About ${percent(overlap.matched, overlap.compared)} of the rows are already in data other contributors had accepted.`,
          hint: 'Remove rows you did not collect yourself; if the overlap is expected, explain it in the description.',
          count: overlap.matched,
        },
      ],
      1 - overlap.share / COPY_SHARE,
    );
  },
});
