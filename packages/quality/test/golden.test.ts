import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { ManifestSchema } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import { scoreDataset } from '../src/index.ts';

/**
 * Golden reports: each fixture's report is committed under test/golden/. When a rule changes on purpose,
 * regenerate them with `npm run golden:update -w @assay/quality` and review the diff.
 */
const FIXTURES = [
  { data: 'tickets.csv', manifest: 'tickets.assay.json', options: {} },
  // A contributor most of whose earlier submissions were rejected (scorer 2.1.0's contributor-record).
  {
    data: 'messy.csv',
    manifest: 'messy.assay.json',
    options: { contributorRecord: { accepted: 1, decided: 5 } },
  },
  // Text beyond ASCII (accents, Japanese, emoji); its golden report was made by scorer 2.0.0 before such
  // text was hashed from bytes, which must give the same report (2.0.1 and 2.1.0 changed only its version).
  { data: 'multilingual.csv', manifest: 'multilingual.assay.json', options: {} },
  // As Excel writes CSV where the comma is the decimal separator: semicolons, CRLF, a byte order mark,
  // prices with decimal commas (and one with a point, one with a euro sign); scorer 2.6.0 reads it.
  { data: 'excel-semicolons.csv', manifest: 'excel-semicolons.assay.json', options: {} },
  // The same reviews saved as tab-separated text, prices still with decimal commas; scorer 2.8.0 reads them.
  {
    data: 'tab-separated-decimal-commas.tsv',
    manifest: 'tab-separated-decimal-commas.assay.json',
    options: {},
  },
  {
    data: 'reviews.jsonl',
    manifest: 'reviews.assay.json',
    options: { requirements: { requiresCommercialUse: true, minRows: 10, acceptedLicenses: ['CC-BY-4.0'] } },
  },
];

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);

describe('golden reports', () => {
  it.each(FIXTURES)('$data', async ({ data, manifest, options }) => {
    const report = await scoreDataset({
      source: createReadStream(fixture(data), { highWaterMark: 64 }),
      manifest: ManifestSchema.parse(JSON.parse(readFileSync(fixture(manifest), 'utf8'))),
      options,
    });
    const text = `${JSON.stringify(report, null, 2)}\n`;
    const golden = new URL(`./golden/${data}.report.json`, import.meta.url);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });
});
