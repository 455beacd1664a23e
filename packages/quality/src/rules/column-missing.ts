import { defineRule, fail, isReadable, PASS, shareOutcome } from './rule.ts';

/** A column the manifest declares is not in the file. */
export const columnMissing = defineRule({
  code: 'structure.column-missing',
  dimension: 'structure',
  severity: 'error',
  weight: 6,
  title: 'Declared column not in the file',
  evaluate: ({ evidence, manifest }) => {
    if (!isReadable(evidence) || evidence.headerLooksLikeData) return null;
    const present = new Set(
      evidence.columns.filter((column) => column.seen > 0 || evidence.format !== 'jsonl').map((c) => c.name),
    );
    const missing = manifest.columns
      .map((column, index) => ({ column, index }))
      .filter(({ column }) => !present.has(column.name));
    if (missing.length === 0) return PASS;
    return fail(
      missing.map(({ column, index }) => ({
        message: `The manifest declares a column "${column.name}", but the file has no column with that name.`,
        hint: 'Rename the column in the file or in the manifest so the names match exactly (case and spaces count).',
        location: { column: column.name, field: `columns.${index}.name` },
        count: 1,
      })),
      shareOutcome(missing.length, manifest.columns.length, 1),
    );
  },
});
