import { maskSample } from '../pii.ts';
import { defineRule, fail, hasData, PASS, plural } from './rule.ts';

/** A column in the file (or a JSONL key) that the manifest does not declare: nobody knows what it means. */
export const columnUndeclared = defineRule({
  code: 'structure.column-undeclared',
  dimension: 'structure',
  severity: 'warning',
  weight: 2,
  title: 'Column not declared',
  evaluate: ({ evidence }) => {
    if (!hasData(evidence) || evidence.headerLooksLikeData) return null;
    const names = evidence.columns
      .filter((column) => column.declaredIndex === -1 && !column.isDuplicateName && column.name.trim() !== '')
      .map((column) => column.name);
    const extraKeys = [...evidence.unexpectedKeys.keys()];
    const all = [...names, ...extraKeys];
    if (all.length === 0) return PASS;
    const shown = all.slice(0, 10).map((name) => `"${maskSample(name)}"`);
    return fail(
      [
        {
          message: `${plural(all.length, 'column is', 'columns are')} in the file but not in the manifest: ${shown.join(', ')}${all.length > 10 ? ', …' : ''}.`,
          hint: 'Declare each column in the manifest with a type and a description, or remove it from the file.',
          location: { column: all[0]!, field: 'columns' },
          locations: all.slice(1, 10).map((column) => ({ column })),
          count: all.length,
        },
      ],
      Math.max(0, 1 - all.length / Math.max(1, evidence.columns.length)),
    );
  },
});
