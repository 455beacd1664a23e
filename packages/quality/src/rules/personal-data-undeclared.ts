import { personalDataFindings } from './personal-data.ts';
import { defineRule, fail, hasData, PASS } from './rule.ts';

/** Emails, phone or card numbers in free text while the manifest says (or does not say) there is no personal data. */
export const personalDataUndeclared = defineRule({
  code: 'structure.personal-data-undeclared',
  dimension: 'structure',
  severity: 'error',
  weight: 8,
  title: 'Undeclared personal data',
  evaluate: ({ evidence, manifest }) => {
    if (!hasData(evidence) || manifest.provenance?.containsPersonalData === true) return null;
    const findings = personalDataFindings(
      evidence,
      'Remove or pseudonymise personal data (replace emails and numbers with placeholders), or set provenance.containsPersonalData to true and give the consent basis.',
    ).map((finding) => ({
      ...finding,
      location: { ...finding.location, field: 'provenance.containsPersonalData' },
    }));
    return findings.length === 0 ? PASS : fail(findings);
  },
});
