import { describeRule, withManifest } from '../../test/rule-cases.ts';

describeRule('provenance.attestation-undated', [
  { name: 'good: dated', isFound: false },
  {
    name: 'bad: undated',
    manifest: withManifest((m) => {
      m.provenance!.attestation!.signedAt = null;
    }),
    isFound: true,
  },
  {
    name: 'bad: not a date',
    manifest: withManifest((m) => {
      m.provenance!.attestation!.signedAt = 'yesterday';
    }),
    isFound: true,
  },
]);
