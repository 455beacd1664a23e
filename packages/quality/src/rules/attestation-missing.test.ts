import { describeRule, withManifest } from '../../test/rule-cases.ts';

describeRule('provenance.attestation-missing', [
  { name: 'good: signed', isFound: false },
  {
    name: 'bad: none',
    manifest: withManifest((m) => {
      m.provenance!.attestation = null;
    }),
    isFound: true,
  },
  {
    name: 'bad: no signer',
    manifest: withManifest((m) => {
      m.provenance!.attestation!.signedBy = '';
    }),
    isFound: true,
  },
]);
