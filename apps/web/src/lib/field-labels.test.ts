import { describe, expect, it } from 'vitest';
import { fieldLabel } from './field-labels.ts';

const manifest = {
  columns: [{ name: 'text' }, { name: 'created' }],
  label: { column: 'urgency', classes: [{ name: 'high' }, { name: 'low' }] },
};

describe('fieldLabel', () => {
  it('names a field as the datasheet form labels it', () => {
    expect(fieldLabel('provenance.license')).toBe('Licence (SPDX identifier)');
    expect(fieldLabel('context.timeframe.start')).toBe('Period start (YYYY-MM-DD)');
    expect(fieldLabel('provenance.attestation.signedAt')).toBe('Attestation');
  });

  it("names columns and label classes by the manifest's names, bracketed paths too", () => {
    expect(fieldLabel('columns.1.description', manifest)).toBe('What “created” holds');
    expect(fieldLabel('columns[0].unit', manifest)).toBe('Unit of “text” (if any)');
    expect(fieldLabel('columns.1.name', manifest)).toBe('Column “created”');
    expect(fieldLabel('label.classes[1].definition', manifest)).toBe('Definition of “low”');
    expect(fieldLabel('label.classes.0', manifest)).toBe('Label class “high”');
  });

  it('falls back to the position without a manifest, and to the path for a field the form does not have', () => {
    expect(fieldLabel('columns.4.description')).toBe('What “column 5” holds');
    expect(fieldLabel('label.classes.2.definition')).toBe('Definition of “class 3”');
    expect(fieldLabel('provenance.somethingNew')).toBe('provenance.somethingNew');
  });
});
