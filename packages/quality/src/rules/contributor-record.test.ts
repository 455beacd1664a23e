import type { Manifest } from '@assay/schema';
import { expect, it } from 'vitest';
import { describeRule, scoreCase } from '../../test/rule-cases.ts';

describeRule('provenance.contributor-record', [
  { name: 'good: no record given', isFound: false },
  {
    name: 'good: too few decisions to count',
    options: { contributorRecord: { accepted: 0, decided: 2 } },
    isFound: false,
  },
  {
    name: 'good: half accepted',
    options: { contributorRecord: { accepted: 2, decided: 4 } },
    isFound: false,
  },
  {
    name: 'bad: one of four accepted',
    options: { contributorRecord: { accepted: 1, decided: 4 } },
    isFound: true,
  },
  {
    name: 'bad: none of three accepted',
    options: { contributorRecord: { accepted: 0, decided: 3 } },
    isFound: true,
  },
]);

it('counts a good record for a file and a poor one against it, and only a record that adds up', async () => {
  const clean = await scoreCase({});
  const applies = await scoreCase({ options: { contributorRecord: { accepted: 5, decided: 5 } } });
  expect(applies.scores).toEqual(clean.scores);
  const one = await scoreCase({ options: { contributorRecord: { accepted: 1, decided: 4 } } });
  expect(one.scores.provenance).toBeLessThan(100);
  // A file whose provenance is poor already: a good record raises it, a poor one lowers it.
  const unlicensed = (manifest: Manifest) => ({
    ...manifest,
    provenance: { ...manifest.provenance, license: 'my own licence', attestation: null },
  });
  const alone = await scoreCase({ manifest: unlicensed });
  const good = await scoreCase({
    manifest: unlicensed,
    options: { contributorRecord: { accepted: 3, decided: 3 } },
  });
  const poor = await scoreCase({
    manifest: unlicensed,
    options: { contributorRecord: { accepted: 1, decided: 3 } },
  });
  expect(good.scores.provenance).toBeGreaterThan(alone.scores.provenance);
  expect(poor.scores.provenance).toBeLessThan(alone.scores.provenance);
  expect(one.findings).toEqual([
    expect.objectContaining({
      code: 'provenance.contributor-record',
      severity: 'warning',
      message: 'Reviewers accepted 1 of the 4 earlier submissions by this contributor that they decided.',
      count: 3,
    }),
  ]);
  for (const contributorRecord of [
    { accepted: 5, decided: 4 },
    { accepted: -1, decided: 4 },
    { accepted: 0.5, decided: 4 },
    { accepted: 0, decided: Number.NaN },
  ]) {
    expect(await scoreCase({ options: { contributorRecord } })).toEqual(clean);
  }
});
