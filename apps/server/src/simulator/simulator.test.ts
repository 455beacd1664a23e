import { scoreDataset } from '@assay/quality';
import { describe, expect, it } from 'vitest';
import {
  DEFECTS,
  type Defect,
  drawDefects,
  fixDefects,
  generateDataset,
  isTrulyAcceptable,
} from './dataset.ts';
import { createPopulation } from './population.ts';
import { Random } from './random.ts';
import { decideFromTruth } from './reviewer.ts';

const request = { labels: ['high', 'low'], minRows: 40, acceptedLicenses: ['CC-BY-4.0'] };
const requirements = {
  acceptedLicenses: ['CC-BY-4.0'],
  requiresCommercialUse: true,
  minRows: 40,
  requiredColumns: [
    { name: 'text', type: 'string' as const },
    { name: 'label', type: 'category' as const },
  ],
  labelSet: ['high', 'low'],
};

async function* bytes(text: string) {
  yield new TextEncoder().encode(text);
}
const score = (csv: string, manifest: Parameters<typeof scoreDataset>[0]['manifest']) =>
  scoreDataset({ source: bytes(csv), format: 'csv', manifest, options: { requirements } });

describe('simulator model', () => {
  it('is deterministic for a seed', () => {
    const a = createPopulation({ seed: 7, contributors: 50, orgs: 3, days: 30 });
    const b = createPopulation({ seed: 7, contributors: 50, orgs: 3, days: 30 });
    const c = createPopulation({ seed: 8, contributors: 50, orgs: 3, days: 30 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const d1 = generateDataset(new Random(1), request, new Set(['ragged-rows']), 'u');
    const d2 = generateDataset(new Random(1), request, new Set(['ragged-rows']), 'u');
    expect(d1.csv).toBe(d2.csv);
  });

  it('injects less with more skill', () => {
    const random = new Random(3);
    const mean = (skill: number) => {
      let total = 0;
      for (let i = 0; i < 2000; i++) total += drawDefects(random, skill).size;
      return total / 2000;
    };
    expect(mean(0.1)).toBeGreaterThan(mean(0.5));
    expect(mean(0.5)).toBeGreaterThan(mean(0.9));
  });

  it('writes each injected defect into the file or manifest, and nothing about the ground truth', () => {
    const all = new Set<Defect>([
      'ragged-rows',
      'wrong-labels',
      'duplicates',
      'missing-datasheet',
      'undefined-labels',
      'no-license',
      'no-attestation',
    ]);
    const dataset = generateDataset(new Random(2), request, all, 'u');
    const lines = dataset.csv.trim().split('\n');
    expect(lines.some((line) => line.split(',').length === 2)).toBe(true);
    expect(dataset.csv).toContain(',unsure,');
    expect(new Set(lines).size).toBeLessThan(lines.length);
    expect(dataset.manifest.description).toBeNull();
    expect(dataset.manifest.label?.classes.every((c) => c.definition === null)).toBe(true);
    expect(dataset.manifest.provenance?.license).toBeNull();
    expect(dataset.manifest.provenance?.attestation).toBeNull();
    const text = dataset.csv + JSON.stringify(dataset.manifest);
    for (const defect of Object.keys(DEFECTS)) expect(text).not.toContain(defect);
    expect(generateDataset(new Random(2), request, new Set(['too-few-rows']), 'u').rows).toBeLessThan(40);
  });

  it('the real scorer sees injected defects (except the invisible ones)', async () => {
    const clean = generateDataset(new Random(4), request, new Set(), 'u');
    const broken = generateDataset(
      new Random(4),
      request,
      new Set(['ragged-rows', 'no-license', 'missing-datasheet']),
      'u',
    );
    const noisy = generateDataset(new Random(4), request, new Set(['noisy-labels']), 'u');
    const [good, bad, invisible] = [
      await score(clean.csv, clean.manifest),
      await score(broken.csv, broken.manifest),
      await score(noisy.csv, noisy.manifest),
    ];
    expect(bad.scores.overall).toBeLessThan(good.scores.overall - 10);
    const codes = new Set(bad.findings.map((f) => f.code));
    expect(codes.has('structure.ragged-rows')).toBe(true);
    expect(codes.has('provenance.license-missing')).toBe(true);
    expect(invisible.scores.overall).toBe(good.scores.overall);
    // Fixing follows the findings: a perfectly skilled, patient contributor fixes every visible defect.
    const fixed = fixDefects(new Random(5), broken.defects, codes, 1, 1);
    expect([...fixed]).toEqual([]);
  });

  it('reviewers decide from the ground truth and their strictness', () => {
    const random = new Random(6);
    const rate = (defects: Set<Defect>, strictness: number) => {
      let accepted = 0;
      for (let i = 0; i < 2000; i++)
        if (decideFromTruth(random, defects, strictness).decision === 'accept') accepted++;
      return accepted / 2000;
    };
    const severe = new Set<Defect>(['no-license', 'wrong-labels']);
    expect(rate(new Set(), 0.5)).toBeGreaterThan(0.8);
    expect(rate(severe, 0.5)).toBeLessThan(0.2);
    expect(rate(new Set(['missing-datasheet']), 0.9)).toBeLessThan(rate(new Set(['missing-datasheet']), 0.1));
    expect(decideFromTruth(random, new Set(['copied']), 0)).toMatchObject({
      decision: 'reject',
      reasonCodes: ['provenance.copied'],
    });
    const rejected = decideFromTruth(new Random(1), severe, 1);
    if (rejected.decision !== 'accept') expect(rejected.reasonCodes).toContain('provenance.license');
    expect(isTrulyAcceptable(new Set())).toBe(true);
    expect(isTrulyAcceptable(severe)).toBe(false);
  });
});

describe('simulated clock', () => {
  it('moves Date forward in whole milliseconds (timestamps are integer columns) and restores it', async () => {
    const { installSimulatedClock } = await import('./sim-clock.ts');
    const realBefore = Date.now();
    const clock = installSimulatedClock(1_000_000_000_000.7);
    try {
      expect(Number.isInteger(Date.now())).toBe(true);
      expect(Math.abs(Date.now() - 1_000_000_000_000)).toBeLessThan(1000);
      clock.set(1_000_000_500_000.5);
      expect(Number.isInteger(Date.now())).toBe(true);
      // biome-ignore lint/complexity/useDateNow: `new Date()` is what is under test, beside Date.now().
      expect(new Date().getTime()).toBeGreaterThanOrEqual(1_000_000_500_000);
      clock.set(0); // never backwards
      expect(Date.now()).toBeGreaterThanOrEqual(1_000_000_500_000);
    } finally {
      clock.restore();
    }
    expect(Date.now()).toBeGreaterThanOrEqual(realBefore);
  });
});
