import { personalDataFindings } from './personal-data.ts';
import { defineRule, fail, hasData, PASS } from './rule.ts';

/** Personal data found where the manifest declares it: shown so the contributor knows what reviewers will see. */
export const personalDataDeclared = defineRule({
  code: 'structure.personal-data-declared',
  dimension: 'structure',
  severity: 'info',
  weight: 1,
  title: 'Declared personal data found',
  evaluate: ({ evidence, manifest }) => {
    if (!hasData(evidence) || manifest.provenance?.containsPersonalData !== true) return null;
    const findings = personalDataFindings(
      evidence,
      'You declared personal data; consider whether the data would be as useful with these values pseudonymised.',
    );
    return findings.length === 0 ? PASS : fail(findings, 0.8);
  },
});
