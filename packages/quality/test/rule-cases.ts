import type { FileFormat, Manifest, QualityReport } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import { type ScoreOptions, scoreDataset } from '../src/index.ts';

/** A complete, specific manifest: the DESIGN.md example with a real description. */
export const GOOD_MANIFEST: Manifest = {
  title: 'Customer support tickets, labeled by urgency',
  description:
    'Support tickets sent to a small hosting company, one ticket per row, each labeled by how urgently it needed an answer.',
  task: 'classification',
  columns: [
    { name: 'text', type: 'string', description: 'Ticket body as written by the customer' },
    { name: 'urgency', type: 'category', description: 'Urgency judged by the agent' },
    { name: 'created', type: 'date', description: 'Day the ticket was opened', unit: null },
  ],
  label: {
    column: 'urgency',
    classes: [
      { name: 'high', definition: 'Service is down for the customer' },
      { name: 'low', definition: 'Question or request that can wait a day' },
    ],
  },
  context: {
    collectionMethod: 'Exported from our helpdesk, March–May 2025',
    timeframe: { start: '2025-03-01', end: '2025-05-31' },
    population: 'Customers of a small hosting company',
    geography: 'EU',
    intendedUse: 'Training a ticket triage classifier',
    limitations: 'English only; one company',
    annotationProtocol: 'One agent per ticket, labeled at close time',
    language: 'en',
  },
  provenance: {
    sourceType: 'self-collected',
    sourceUrl: null,
    license: 'CC-BY-4.0',
    consentBasis: 'contract',
    containsPersonalData: false,
    attestation: {
      signedBy: 'Jane Doe',
      signedAt: '2025-06-01T10:00:00Z',
      statement: 'I have the right to contribute this data under this licence.',
    },
  },
};

/** A clean file for {@link GOOD_MANIFEST}: every rule passes on it. */
export const GOOD_CSV = [
  'text,urgency,created',
  '"My site is down, nothing loads",high,2025-03-02',
  'How do I change my invoice address?,low,2025-03-05',
  '"Database not reachable since the ""upgrade""",high,2025-04-11',
  'Can you add a second user to my account?,low,2025-04-20',
  'Email bounces for every mailbox,high,2025-05-01',
  'Question about renewing the domain next year,low,2025-05-30',
  '',
].join('\n');

/** One case of a rule test: the input, and whether the rule's code must appear in the findings. */
export interface RuleCase {
  name: string;
  csv?: string;
  bytes?: Uint8Array;
  format?: FileFormat;
  manifest?: (manifest: Manifest) => Manifest;
  options?: ScoreOptions;
  isFound: boolean;
}

/** Scores a case; the manifest defaults to {@link GOOD_MANIFEST} and the file to {@link GOOD_CSV}. */
export async function scoreCase(
  c: Omit<RuleCase, 'name' | 'isFound'> & { chunkSize?: number },
): Promise<QualityReport> {
  const bytes = c.bytes ?? new TextEncoder().encode(c.csv ?? GOOD_CSV);
  const manifest = c.manifest ? c.manifest(structuredClone(GOOD_MANIFEST)) : GOOD_MANIFEST;
  return scoreDataset({
    source: chunksOf(bytes, c.chunkSize ?? 7),
    format: c.format,
    manifest,
    options: c.options,
  });
}

/** The bytes in small chunks, so every test also crosses chunk boundaries. */
export async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** A table-driven test of one rule: each case says whether the rule's code must be among the findings. */
export function describeRule(code: string, cases: RuleCase[]): void {
  describe(code, () => {
    // Generous: some cases score megabytes in 7-byte chunks, on a machine other test runs share.
    it.each(cases)(
      '$name',
      async (c) => {
        const report = await scoreCase(c);
        const codes = report.findings.map((f) => f.code);
        if (c.isFound) expect(codes).toContain(code);
        else expect(codes).not.toContain(code);
      },
      30_000,
    );
  });
}

/** A manifest with changes applied to a clone of the good one. */
export function withManifest(change: (m: Manifest) => void): (m: Manifest) => Manifest {
  return (m) => {
    change(m);
    return m;
  };
}

/** {@link GOOD_CSV} as JSON Lines. */
export const JSONL = `${GOOD_CSV.trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const match = /^(?:"((?:[^"]|"")*)"|([^,]*)),([^,]*),(.*)$/.exec(line)!;
    const text = (match[1] ?? match[2] ?? '').replaceAll('""', '"');
    return JSON.stringify({ text, urgency: match[3], created: match[4] });
  })
  .join('\n')}\n`;

/** A regression manifest with an integer id column. */
export const INT_MANIFEST: Manifest = {
  title: 'Parcel counts per depot and day',
  task: 'regression',
  columns: [
    { name: 'id', type: 'integer', description: 'Parcel identifier' },
    { name: 'y', type: 'number', description: 'A score' },
  ],
};

/** 200 distinct, balanced rows for {@link GOOD_MANIFEST}. */
export const BIG_CSV = `text,urgency,created\n${Array.from(
  { length: 200 },
  (_, i) =>
    `Ticket about issue number ${i},${i % 2 === 0 ? 'high' : 'low'},2025-04-${String((i % 28) + 1).padStart(2, '0')}`,
).join('\n')}\n`;

/** The fingerprints a report gives for this CSV with {@link GOOD_MANIFEST}. */
export async function fingerprintsOf(csv: string): Promise<string[]> {
  return (await scoreCase({ csv })).fingerprints;
}
