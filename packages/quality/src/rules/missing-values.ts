import { isLabeledTask, MISSING_VALUES_WARNING_SHARE } from '@assay/schema';
import { defineRule, fail, hasData, percent, plural } from './rule.ts';

/** Columns with many empty or placeholder values (`NA`, `null`, `-`). */
export const missingValues = defineRule({
  code: 'structure.missing-values',
  dimension: 'structure',
  severity: 'warning',
  weight: 4,
  title: 'Missing values',
  evaluate: ({ evidence, manifest }) => {
    if (!hasData(evidence)) return null;
    // Missing labels (or targets) are structure.label-missing's, with their rows: not said twice.
    const labelColumn = isLabeledTask(manifest.task) ? manifest.label?.column : undefined;
    const findings = [];
    let totalShare = 0;
    let counted = 0;
    for (const column of evidence.columns) {
      if (column.declaredIndex === -1) continue;
      const total = evidence.rows;
      const share = total === 0 ? 0 : column.missing / total;
      totalShare += share;
      counted++;
      // An entirely empty column is reported by structure.empty-column.
      if (share <= MISSING_VALUES_WARNING_SHARE || column.nonMissing === 0) continue;
      if (column.name === labelColumn) continue;
      findings.push({
        message: `Column "${column.name}" is empty in ${plural(column.missing, 'row')} (${percent(column.missing, total)}).`,
        hint: 'Fill in the missing values, drop rows that lack essential ones, or explain in the column description why values are missing.',
        location: { column: column.name },
        count: column.missing,
      });
    }
    const outcome = counted === 0 ? 1 : Math.max(0, 1 - (totalShare / counted) * 2);
    return findings.length === 0 ? { outcome, findings: [] } : fail(findings, outcome);
  },
});
