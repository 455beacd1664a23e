import { describeRule, withManifest } from '../../test/rule-cases.ts';

describeRule('provenance.consent-not-accepted', [
  {
    name: 'good: the basis is one the request accepts',
    options: { requirements: { acceptedConsentBases: ['consent', 'contract'] } },
    isFound: false,
  },
  {
    name: 'good: the request asks for no basis',
    options: { requirements: { acceptedConsentBases: [] } },
    isFound: false,
  },
  {
    name: 'bad: another basis',
    options: { requirements: { acceptedConsentBases: ['consent'] } },
    isFound: true,
  },
  {
    name: 'bad: no basis given',
    manifest: withManifest((m) => {
      m.provenance!.consentBasis = null;
    }),
    options: { requirements: { acceptedConsentBases: ['consent'] } },
    isFound: true,
  },
]);
