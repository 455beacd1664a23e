import { maskSample } from '../pii.ts';
import { defineRule, fail, isReadable, PASS } from './rule.ts';

/** Two header cells with the same name: the second column cannot be told apart from the first. */
export const headerDuplicate = defineRule({
  code: 'structure.header-duplicate',
  dimension: 'structure',
  severity: 'error',
  weight: 4,
  title: 'Duplicate column names',
  evaluate: ({ evidence }) => {
    if (!isReadable(evidence)) return null;
    const duplicates = evidence.columns.filter((column) => column.isDuplicateName && column.name !== '');
    if (duplicates.length === 0) return PASS;
    return fail(
      duplicates.slice(0, 20).map((column) => ({
        message: `The column name "${maskSample(column.name)}" appears more than once in the header.`,
        hint: 'Give every column a distinct name, or remove the repeated column.',
        location: { row: 0, column: column.name },
        count: evidence.header.filter((name) => name === column.name).length - 1,
      })),
    );
  },
});
