import type { Manifest } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import { fingerprintsOf, GOOD_CSV, scoreCase } from '../../test/rule-cases.ts';

describe('the overlap rules in a pre-score (isOverlapCheckedLater)', () => {
  // No licence: provenance has a failing rule, so leaving the overlap rules out changes its score.
  const unlicensed = (manifest: Manifest): Manifest => ({
    ...manifest,
    provenance: { ...manifest.provenance, license: null },
  });
  const UNRELATED = ['ffffffffffffffff', '0000000000000001'];

  it('scores as the record does for data found in no accepted file', async () => {
    const record = await scoreCase({ manifest: unlicensed, options: { acceptedFingerprints: UNRELATED } });
    const preScore = await scoreCase({ manifest: unlicensed, options: { isOverlapCheckedLater: true } });
    const unchecked = await scoreCase({ manifest: unlicensed });
    expect(preScore.scores).toEqual(record.scores);
    expect(preScore.findings).toEqual(record.findings);
    // Left out, the overlap rules' weight is missing from provenance: the pre-score differed from the record.
    expect(unchecked.scores.provenance).toBeLessThan(record.scores.provenance);
  });

  it('lets the comparison decide when accepted fingerprints are given', async () => {
    const copied = await scoreCase({
      options: { acceptedFingerprints: await fingerprintsOf(GOOD_CSV), isOverlapCheckedLater: true },
    });
    expect(copied.findings.map((f) => f.code)).toContain('provenance.copied-data');
  });

  it('scores nothing for a file with no rows to compare', async () => {
    const empty = await scoreCase({
      csv: 'text,urgency,created\n',
      options: { isOverlapCheckedLater: true },
    });
    const unchecked = await scoreCase({ csv: 'text,urgency,created\n' });
    expect(empty.scores).toEqual(unchecked.scores);
  });
});
