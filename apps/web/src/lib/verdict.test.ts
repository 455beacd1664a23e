import type { Finding } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import { verdictText } from './verdict.ts';

const finding = (severity: Finding['severity']): Finding => ({
  code: `structure.${severity}`,
  dimension: 'structure',
  severity,
  message: 'Something',
  hint: 'Fix it',
  count: 1,
});
const report = (overall: number, severities: Finding['severity'][], enterpriseGrade = false) => ({
  enterpriseGrade,
  threshold: 70,
  scores: { structure: overall, context: overall, provenance: overall, overall },
  findings: severities.map(finding),
});

describe('verdictText', () => {
  it('names the grade when it is met', () => {
    expect(verdictText(report(88, ['warning'], true))).toBe('Enterprise grade');
  });
  it('says an error withholds the grade from a high score, not that the score is low', () => {
    expect(verdictText(report(94, ['error', 'warning', 'error']))).toBe(
      'Not enterprise grade: 2 errors to fix',
    );
    expect(verdictText(report(94, ['error']))).toBe('Not enterprise grade: 1 error to fix');
  });
  it('names the threshold when the score is below it, and the errors too', () => {
    expect(verdictText(report(52, ['warning']))).toBe('Not enterprise grade: below 70');
    expect(verdictText(report(52, ['error']))).toBe('Not enterprise grade: below 70, 1 error to fix');
  });
});
