import type { QualityReport } from '@assay/schema';

/**
 * The enterprise-grade verdict in words, with each reason a report falls short: an overall score below
 * the threshold, and errors (any error withholds the grade, whatever the score). "Below 70" alone under a
 * score of 94 read as a contradiction.
 */
export function verdictText(
  report: Pick<QualityReport, 'enterpriseGrade' | 'threshold' | 'scores' | 'findings'>,
): string {
  if (report.enterpriseGrade) return 'Enterprise grade';
  const errors = report.findings.filter((finding) => finding.severity === 'error').length;
  const reasons = [
    ...(report.scores.overall < report.threshold ? [`below ${report.threshold}`] : []),
    ...(errors > 0 ? [errors === 1 ? '1 error to fix' : `${errors} errors to fix`] : []),
  ];
  return reasons.length === 0 ? 'Not enterprise grade' : `Not enterprise grade: ${reasons.join(', ')}`;
}

/** Why a report is or is not enterprise grade, in a sentence, for the verdict's tooltip. */
export function verdictRule(threshold: number): string {
  return `Enterprise grade needs an overall score of ${threshold} or more and no errors.`;
}
