import { describe, expect, it } from 'vitest';
import { mergeImported, readManifestFile } from './manifest-import.ts';

const spdx = (text: string) => (text.toLowerCase() === 'cc-by-4.0' ? 'CC-BY-4.0' : null);

describe('readManifestFile', () => {
  it('reads a Croissant file through the Croissant mapping, licences resolved', () => {
    const result = readManifestFile(
      JSON.stringify({
        '@context': {},
        '@type': 'sc:Dataset',
        conformsTo: 'http://mlcommons.org/croissant/1.0',
        name: 'Tickets',
        license: 'cc-by-4.0',
      }),
      spdx,
    );
    expect(result).toEqual({
      kind: 'croissant',
      manifest: { title: 'Tickets', provenance: { license: 'CC-BY-4.0' } },
      notes: ['The file declares no columns (no record set with fields)'],
    });
  });

  it('reads an assay.json as it is, and names each field that is of the wrong type', () => {
    expect(readManifestFile('{"title":"Tickets","task":"classification"}', spdx)).toEqual({
      kind: 'assay',
      manifest: { title: 'Tickets', task: 'classification' },
      notes: [],
    });
    const wrong = readManifestFile('{"title":7,"task":"sorting"}', spdx);
    expect(wrong.kind).toBe('error');
    expect(wrong.kind === 'error' && wrong.message).toMatch(
      /^The file is neither a Croissant dataset nor an assay\.json manifest \(title: .+; task: .+\)$/,
    );
  });

  it('says when the file is not JSON', () => {
    const result = readManifestFile('title,task\n', spdx);
    expect(result.kind === 'error' && result.message).toMatch(/^The file is not JSON: /);
  });
});

describe('mergeImported', () => {
  const draft = {
    title: 'tickets',
    task: 'classification' as const,
    columns: [
      { name: 'text', type: 'string' as const, description: null },
      { name: 'urgency', type: 'category' as const, description: 'Typed by me' },
    ],
    context: { geography: 'EU', limitations: 'Mine' },
    provenance: { license: 'MIT', containsPersonalData: false },
  };

  it("lays the import's values over the draft and keeps the draft's where the import has none", () => {
    const { manifest, notes } = mergeImported(draft, {
      title: 'Customer support tickets',
      description: null,
      columns: [
        { name: 'urgency', type: 'category', description: null },
        { name: 'text', type: 'string', description: 'Ticket body' },
        { name: 'agent', type: 'string', description: 'Who answered' },
      ],
      context: { geography: null, collectionMethod: 'Helpdesk export' },
      provenance: { license: 'CC-BY-4.0' },
    });
    expect(manifest).toEqual({
      title: 'Customer support tickets',
      task: 'classification',
      // The file's columns, in the file's order; the import's description where it has one.
      columns: [
        { name: 'text', type: 'string', description: 'Ticket body' },
        { name: 'urgency', type: 'category', description: 'Typed by me' },
      ],
      context: { geography: 'EU', limitations: 'Mine', collectionMethod: 'Helpdesk export' },
      provenance: { license: 'CC-BY-4.0', containsPersonalData: false },
    });
    expect(notes).toEqual(['Not in your data file, so left out: "agent"']);
  });

  it("keeps the draft's label classes when the import declares none, and its definitions where the import has none", () => {
    const labeled = {
      ...draft,
      label: {
        column: 'urgency',
        classes: [
          { name: 'high', definition: 'Down' },
          { name: 'low', definition: null },
        ],
      },
    };
    expect(mergeImported(labeled, { label: { column: 'urgency', classes: [] } }).manifest.label).toEqual(
      labeled.label,
    );
    expect(
      mergeImported(labeled, {
        label: {
          column: 'urgency',
          classes: [
            { name: 'high', definition: null },
            { name: 'medium', definition: 'Today' },
          ],
        },
      }).manifest.label,
    ).toEqual({
      column: 'urgency',
      classes: [
        { name: 'high', definition: 'Down' },
        { name: 'medium', definition: 'Today' },
      ],
    });
    // Another label column: the draft's classes were of another column.
    expect(mergeImported(labeled, { label: { column: 'text', classes: [] } }).manifest.label).toEqual({
      column: 'text',
      classes: [],
    });
  });

  it("takes the import's columns when the draft has none yet", () => {
    const columns = [{ name: 'a', type: 'integer' as const }];
    expect(mergeImported({ title: 'x' }, { columns }).manifest).toEqual({ title: 'x', columns });
  });
});
