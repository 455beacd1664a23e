import { QualityReportSchema } from '@assay/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidManifestError, scoreDataset } from '../src/index.ts';
import { GOOD_MANIFEST } from './rule-cases.ts';

/** Bytes biased towards what breaks parsers: quotes, separators, line endings, braces, BOMs, NULs. */
const trickyBytes = fc
  .array(
    fc.oneof(
      fc.constantFrom(...'",\t\r\n{}[]:@0123456789 aZ'.split('').map((c) => c.charCodeAt(0))),
      fc.constantFrom(0x00, 0xef, 0xbb, 0xbf, 0xff, 0xfe, 0xc3, 0x28),
      fc.integer({ min: 0, max: 255 }),
    ),
    { maxLength: 400 },
  )
  .map((values) => new Uint8Array(values));

const chunkSizes = fc.integer({ min: 1, max: 64 });

async function* chunksOf(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('properties', () => {
  it('no input makes the scorer throw, and every report is valid', async () => {
    await fc.assert(
      fc.asyncProperty(
        trickyBytes,
        chunkSizes,
        fc.constantFrom(undefined, 'csv', 'tsv', 'jsonl'),
        async (bytes, size, format) => {
          const report = await scoreDataset({
            source: chunksOf(bytes, size),
            format,
            manifest: GOOD_MANIFEST,
          });
          expect(QualityReportSchema.safeParse(report).success).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reports are deterministic, whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(trickyBytes, chunkSizes, chunkSizes, async (bytes, a, b) => {
        const first = await scoreDataset({ source: chunksOf(bytes, a), manifest: GOOD_MANIFEST });
        const second = await scoreDataset({ source: chunksOf(bytes, b), manifest: GOOD_MANIFEST });
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      }),
      { numRuns: 100 },
    );
  });

  it('any manifest is either scored or rejected with InvalidManifestError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (manifest) => {
        try {
          await scoreDataset({
            source: chunksOf(new Uint8Array([0x61, 0x0a, 0x31]), 2),
            manifest: manifest as never,
          });
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidManifestError);
        }
      }),
      { numRuns: 200 },
    );
  });
});
