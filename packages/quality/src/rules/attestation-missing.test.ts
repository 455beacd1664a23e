import { expect, it } from 'vitest';
import { describeRule, scoreCase, withManifest } from '../../test/rule-cases.ts';

const unsigned = withManifest((m) => {
  m.provenance!.attestation = null;
});

describeRule('provenance.attestation-missing', [
  { name: 'good: signed', isFound: false },
  { name: 'bad: none', manifest: unsigned, isFound: true },
  {
    name: 'bad: no signer',
    manifest: withManifest((m) => {
      m.provenance!.attestation!.signedBy = '';
    }),
    isFound: true,
  },
]);

it('counts a missing attestation once, whatever it lacks (a count of 2 read as "twice")', async () => {
  const report = await scoreCase({ manifest: unsigned });
  const finding = report.findings.find((f) => f.code === 'provenance.attestation-missing');
  expect(finding).toMatchObject({
    message: 'Nobody has signed that they have the right to contribute this data.',
    count: 1,
  });
});
