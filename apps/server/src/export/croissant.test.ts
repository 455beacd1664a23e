import { manifestFromCroissant } from '@assay/schema/croissant';
import { describe, expect, it } from 'vitest';
import { GOOD_MANIFEST } from '../../test/support/datasets.ts';
import { buildCroissant } from './croissant.ts';

const sha256 = 'a'.repeat(64);

function build(overrides: Partial<Parameters<typeof buildCroissant>[0]> = {}) {
  // Serialise as the download does: undefined properties disappear.
  return JSON.parse(
    JSON.stringify(
      buildCroissant({
        versionId: '00000000-0000-4000-8000-000000000001',
        versionNumber: 2,
        manifest: GOOD_MANIFEST,
        file: { sha256, size: 1234, name: 'tickets.csv', format: 'csv' },
        creatorPseudonym: 'contributor-1a2b3c4d',
        publishedAt: new Date('2026-01-02T03:04:05Z'),
        contentUrl: 'https://assay.example/api/files/versions/x/data',
        ...overrides,
      }),
    ),
  );
}

describe('Croissant JSON-LD', () => {
  it('has the properties Croissant 1.0 requires of a dataset, its file and its fields', () => {
    const doc = build();
    for (const key of [
      '@context',
      '@type',
      'conformsTo',
      'name',
      'description',
      'license',
      'url',
      'creator',
      'datePublished',
      'distribution',
      'recordSet',
    ]) {
      expect(doc, key).toHaveProperty([key]);
    }
    expect(doc['@type']).toBe('sc:Dataset');
    expect(doc.conformsTo).toBe('http://mlcommons.org/croissant/1.0');
    expect(doc['@context']).toMatchObject({
      sc: 'https://schema.org/',
      cr: 'http://mlcommons.org/croissant/',
      rai: 'http://mlcommons.org/croissant/RAI/',
    });
    expect(doc.license).toBe('https://spdx.org/licenses/CC-BY-4.0.html');
    expect(doc.creator).toEqual({ '@type': 'sc:Person', name: 'contributor-1a2b3c4d' });
    // The dataset's own version (the submission's second), not the scorer's.
    expect(doc.version).toBe('2.0.0');
    const [file] = doc.distribution;
    expect(file).toEqual({
      '@type': 'cr:FileObject',
      '@id': 'data-file',
      name: 'tickets.csv',
      contentUrl: 'https://assay.example/api/files/versions/x/data',
      encodingFormat: 'text/csv',
      sha256,
      contentSize: '1234 B',
    });
    const ids = new Set<string>([file['@id']]);
    for (const recordSet of doc.recordSet) {
      expect(recordSet['@type']).toBe('cr:RecordSet');
      ids.add(recordSet['@id']);
      for (const field of recordSet.field) {
        expect(field).toMatchObject({
          '@type': 'cr:Field',
          '@id': expect.any(String),
          name: expect.any(String),
          dataType: expect.anything(),
        });
        ids.add(field['@id']);
      }
    }
    // Every reference points at something defined in the document.
    for (const field of doc.recordSet[0].field) {
      expect(ids.has(field.source.fileObject['@id'])).toBe(true);
      if (field.references) expect(ids.has(field.references.field['@id'])).toBe(true);
    }
  });

  it('describes each column, marks the label column and lists its classes', () => {
    const doc = build();
    const fields = doc.recordSet[0].field;
    expect(fields.map((f: { name: string }) => f.name)).toEqual(['text', 'urgency', 'created']);
    expect(fields[0]).toMatchObject({
      description: 'Ticket body as written by the customer',
      dataType: 'sc:Text',
      source: { extract: { column: 'text' } },
    });
    expect(fields[1].dataType).toEqual(['sc:Text', 'cr:Label']);
    expect(fields[2].dataType).toBe('sc:Date');
    expect(doc.recordSet[1].data).toEqual([
      { 'label-classes/name': 'high', 'label-classes/definition': 'Service is down for the customer' },
      { 'label-classes/name': 'low', 'label-classes/definition': 'Question or request that can wait a day' },
    ]);
  });

  // A regression's target was exported with an empty class enumeration its numbers had to reference.
  it("marks a regression's target column as its label, without classes to reference", () => {
    const manifest = {
      ...GOOD_MANIFEST,
      task: 'regression' as const,
      columns: [...GOOD_MANIFEST.columns, { name: 'minutes', type: 'number' as const }],
      label: { column: 'minutes', classes: [] },
    };
    const doc = build({ manifest });
    const target = doc.recordSet[0].field.find((f: { name: string }) => f.name === 'minutes');
    expect(target.dataType).toEqual(['sc:Float', 'cr:Label']);
    expect(target).not.toHaveProperty('references');
    expect(doc.recordSet).toHaveLength(1);
    // And it reads back as the regression it was.
    expect(manifestFromCroissant(doc).manifest).toMatchObject({ task: 'regression', label: manifest.label });
  });

  it('carries the datasheet as responsible-AI fields', () => {
    const doc = build();
    expect(doc).toMatchObject({
      'rai:dataCollection': 'Exported from our helpdesk, March–May 2025',
      'rai:dataUseCases': 'Training a ticket triage classifier',
      'rai:dataLimitations': 'English only; one company',
      'rai:dataAnnotationProtocol': 'One agent per ticket, labeled at close time',
      temporalCoverage: '2025-03-01/2025-05-31',
    });
  });

  it("says in words when the CSV is separated by semicolons or starts with Excel's sep= line", () => {
    expect(build().distribution[0].description).toBeUndefined();
    const file = { sha256, size: 1, name: 'x.csv', format: 'csv' };
    const semicolons = build({
      file: { ...file, layout: { isSemicolonSeparated: true, hasSeparatorLine: true } },
    });
    expect(semicolons.distribution[0].description).toBe(
      "Values are separated by semicolons (;), and numbers may have a decimal comma (3,5), as Excel writes CSV where the comma is the decimal separator: read it with sep=';' and decimal=','. Its first line is Excel's \"sep=\" line, not the header: skip it (skiprows=1).",
    );
    const lineOnly = build({
      file: { ...file, layout: { isSemicolonSeparated: false, hasSeparatorLine: true } },
    });
    expect(lineOnly.distribution[0].description).toBe(
      'Its first line is Excel\'s "sep=" line, not the header: skip it (skiprows=1).',
    );
  });

  it('extracts JSONL columns by JSON path', () => {
    const doc = build({ file: { sha256, size: 1, name: 'x.jsonl', format: 'jsonl' } });
    expect(doc.recordSet[0].field[0].source.extract).toEqual({ jsonPath: '$.text' });
    expect(doc.distribution[0].encodingFormat).toBe('application/jsonl');
  });

  it('reads back into the manifest it was made from, but for the attestation, which a contributor signs anew', () => {
    const { manifest, notes } = manifestFromCroissant(build());
    // The consent basis travels whether or not personal data is declared (GOOD_MANIFEST's: contract, none).
    const { attestation: _, sourceUrl: __, ...provenance } = GOOD_MANIFEST.provenance!;
    expect(provenance.consentBasis).toBe('contract');
    expect(manifest).toEqual({ ...GOOD_MANIFEST, provenance });
    expect(notes).toEqual([]);
    // With personal data declared, the consent basis travels too.
    const personal = {
      ...GOOD_MANIFEST,
      provenance: {
        ...GOOD_MANIFEST.provenance,
        containsPersonalData: true,
        consentBasis: 'consent' as const,
      },
    };
    expect(manifestFromCroissant(build({ manifest: personal })).manifest.provenance).toEqual({
      ...provenance,
      containsPersonalData: true,
      consentBasis: 'consent',
    });
  });
});
