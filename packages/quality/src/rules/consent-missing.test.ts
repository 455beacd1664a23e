import { describeRule, GOOD_CSV, withManifest } from '../../test/rule-cases.ts';

describeRule('provenance.consent-missing', [
  {
    name: 'good: no people in the data',
    manifest: withManifest((m) => {
      m.provenance!.consentBasis = null;
    }),
    isFound: false,
  },
  {
    name: 'bad: personal data declared, no basis',
    manifest: withManifest((m) => {
      m.provenance!.containsPersonalData = true;
      m.provenance!.consentBasis = null;
    }),
    isFound: true,
  },
  {
    name: 'bad: emails found, basis not applicable',
    csv: `${GOOD_CSV}Write to jane.doe@example.com,low,2025-03-03\n`,
    manifest: withManifest((m) => {
      m.provenance!.consentBasis = 'not-applicable';
    }),
    isFound: true,
  },
]);
