import type { Column } from '@assay/schema';
import { defineRule, fail, isReadable, PASS } from './rule.ts';

/** Names shown in the hint before it shortens the list: a hint is read at a glance. */
const MAX_NAMES = 12;

function declaredNames(columns: Column[]): string {
  const names = columns.slice(0, MAX_NAMES).map((column) => column.name);
  return columns.length > MAX_NAMES ? `${names.join(', ')}, … (${columns.length} in all)` : names.join(', ');
}

/** The first row looks like data, not column names: the header row is missing. */
export const headerMissing = defineRule({
  code: 'structure.header-missing',
  dimension: 'structure',
  severity: 'error',
  weight: 5,
  title: 'Header row missing',
  evaluate: ({ evidence, manifest }) => {
    if (!isReadable(evidence) || evidence.format === 'jsonl') return null;
    if (!evidence.headerLooksLikeData) return PASS;
    return fail([
      {
        message:
          'The first row looks like data rather than column names, so the file seems to have no header.',
        hint: `Add a first row that names the columns in the order they come in the file, with the names declared in the manifest: ${declaredNames(manifest.columns)}.`,
        location: { row: 0 },
        count: 1,
      },
    ]);
  },
});
