import { describe, expect, it } from 'vitest';
import { fieldLabel, withFieldLabels } from './field-labels.ts';

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
    expect(fieldLabel('columns.1.type', manifest)).toBe('Type of “created”');
    expect(fieldLabel('columns.1.name', manifest)).toBe('Column “created”');
    expect(fieldLabel('label.classes[1].definition', manifest)).toBe('Definition of “low”');
    expect(fieldLabel('label.classes.0', manifest)).toBe('Label class “high”');
  });

  // A regression's missing target column was sent to a "Label column" the Preview step does not show.
  it("names a regression's label column its target column, as the Preview step does", () => {
    expect(fieldLabel('label.column', { task: 'regression' })).toBe('Target column');
    expect(fieldLabel('label.column', { task: 'classification' })).toBe('Label column');
  });

  it('falls back to the position without a manifest, and to the path for a field the form does not have', () => {
    expect(fieldLabel('columns.4.description')).toBe('What “column 5” holds');
    expect(fieldLabel('label.classes.2.definition')).toBe('Definition of “class 3”');
    expect(fieldLabel('provenance.somethingNew')).toBe('provenance.somethingNew');
  });
});

describe('withFieldLabels', () => {
  // The scorer's hints (shared with its CLI) told web contributors to "set provenance.containsPersonalData".
  it("names the manifest paths in a hint as the form does, the path's straight quotes replaced", () => {
    expect(
      withFieldLabels(
        'Remove or pseudonymise personal data, or set provenance.containsPersonalData to true and give the consent basis.',
      ),
    ).toBe(
      'Remove or pseudonymise personal data, or set “Does the data contain personal data (names, emails, phone numbers…)?” to “Yes” and give the consent basis.',
    );
    expect(withFieldLabels('Name the column that holds the labels in "label.column", and declare it.')).toBe(
      'Name the column that holds the labels in “Label column”, and declare it.',
    );
    expect(withFieldLabels('Add examples of this class, or remove it from label.classes.')).toBe(
      'Add examples of this class, or remove it from “Label classes”.',
    );
    expect(withFieldLabels('Describe columns.1.description first', manifest)).toBe(
      'Describe “What ‘created’ holds” first',
    );
  });

  it('leaves words, unknown paths and parts of longer paths as they are', () => {
    for (const text of [
      'Declare it under "columns" with a title and a description, e.g. "EUR".',
      'Set provenance.somethingNew, see example.com or CC-BY-4.0.',
      'Not label.classesOfOld, nor my.label.classes, nor label.classes.extra.',
      'Add "spam" to label.classes_2 or write it as "label".',
    ])
      expect(withFieldLabels(text)).toBe(text);
  });
});
