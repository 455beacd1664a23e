import { defineRule, fail, isReadable, PASS, plural } from './rule.ts';

/** Header cells without a name. */
export const headerEmpty = defineRule({
  code: 'structure.header-empty',
  dimension: 'structure',
  severity: 'error',
  weight: 3,
  title: 'Empty column names',
  evaluate: ({ evidence }) => {
    if (!isReadable(evidence) || evidence.format === 'jsonl' || evidence.header.length === 0) return null;
    const positions: number[] = [];
    evidence.header.forEach((name, index) => {
      if (name.trim() === '') positions.push(index + 1);
    });
    if (positions.length === 0) return PASS;
    return fail([
      {
        message: `${plural(positions.length, 'column has', 'columns have')} no name in the header (position ${positions.slice(0, 5).join(', ')}${positions.length > 5 ? ', …' : ''}).`,
        hint: 'Name every column in the first row, or delete columns that hold nothing.',
        location: { row: 0 },
        count: positions.length,
      },
    ]);
  },
});
