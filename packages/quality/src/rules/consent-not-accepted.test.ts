import type { Manifest } from '@assay/schema';
import { describeRule, withManifest } from '../../test/rule-cases.ts';

/** GOOD_MANIFEST declares no personal data: these cases declare that people are in it. */
const withPeople = (change: (m: Manifest) => void = () => {}) =>
  withManifest((m) => {
    m.provenance!.containsPersonalData = true;
    change(m);
  });

describeRule('provenance.consent-not-accepted', [
  {
    name: 'good: the basis is one the request accepts',
    manifest: withPeople(),
    options: { requirements: { acceptedConsentBases: ['consent', 'contract'] } },
    isFound: false,
  },
  {
    name: 'good: the request asks for no basis',
    manifest: withPeople(),
    options: { requirements: { acceptedConsentBases: [] } },
    isFound: false,
  },
  {
    name: 'good: no people in the data, so no basis is needed',
    options: { requirements: { acceptedConsentBases: ['consent'] } },
    isFound: false,
  },
  {
    name: 'bad: people in the data, another basis',
    manifest: withPeople(),
    options: { requirements: { acceptedConsentBases: ['consent'] } },
    isFound: true,
  },
  {
    name: 'bad: people in the data, no basis given',
    manifest: withPeople((m) => {
      m.provenance!.consentBasis = null;
    }),
    options: { requirements: { acceptedConsentBases: ['consent'] } },
    isFound: true,
  },
]);
