import type { DraftManifest } from '@assay/schema';
import { splitPath } from './paths.ts';

/**
 * What the datasheet form (ManifestForm) calls each manifest field: its inputs are labelled from here, and
 * a finding's "Go to …" link names the field the same way, so a contributor looks for the words they see.
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  title: 'Title',
  description: 'Description',
  'context.collectionMethod': 'How the data was collected',
  'context.timeframe': 'Period',
  'context.timeframe.start': 'Period start (YYYY-MM-DD)',
  'context.timeframe.end': 'Period end (YYYY-MM-DD)',
  'context.population': 'Who or what is in the data',
  'context.geography': 'Geography',
  'context.language': 'Language (e.g. en)',
  'context.intendedUse': 'Intended use',
  'context.limitations': 'Known limitations',
  'context.annotationProtocol': 'How labels were assigned',
  'provenance.sourceType': 'Source',
  'provenance.sourceUrl': 'Source URL (if it has one)',
  'provenance.license': 'Licence (SPDX identifier)',
  'provenance.consentBasis': 'Consent basis',
  'provenance.containsPersonalData': 'Does the data contain personal data (names, emails, phone numbers…)?',
  'provenance.attestation': 'Attestation',
  'label.column': 'Label column',
  'label.classes': 'Label classes',
  columns: 'Columns',
};

/**
 * A manifest path (`provenance.license`, `columns.2.description`, `label.classes[1].definition`) as the form
 * names it; column and class names come from the manifest. A path the form has no name for is returned as
 * it is, so nothing is hidden.
 */
export function fieldLabel(path: string, manifest?: DraftManifest | null): string {
  const parts = splitPath(path);
  const key = parts.join('.');
  // A regression's label column is its target, as the Preview step names it.
  if (key === 'label.column' && manifest?.task === 'regression') return 'Target column';
  if (FIELD_LABELS[key]) return FIELD_LABELS[key];
  if (parts[0] === 'provenance' && parts[1] === 'attestation') return FIELD_LABELS['provenance.attestation']!;
  const column = Number(parts[1]);
  if (parts[0] === 'columns' && Number.isInteger(column)) {
    const name = manifest?.columns?.[column]?.name || `column ${column + 1}`;
    if (parts[2] === 'description') return `What “${name}” holds`;
    if (parts[2] === 'unit') return `Unit of “${name}” (if any)`;
    // As the Preview step labels a column's type.
    if (parts[2] === 'type') return `Type of “${name}”`;
    return `Column “${name}”`;
  }
  const labelClass = Number(parts[2]);
  if (parts[0] === 'label' && parts[1] === 'classes' && Number.isInteger(labelClass)) {
    const name = manifest?.label?.classes?.[labelClass]?.name || `class ${labelClass + 1}`;
    return parts[3] === 'definition' ? `Definition of “${name}”` : `Label class “${name}”`;
  }
  return path;
}

/**
 * {@link fieldLabel} in curly quotes, a column's or class's name in it in single ones: “What ‘text’ holds”, as
 * “Period” is quoted (a label that quoted a name already had been left bare: field Definition of “positive”).
 */
export function quotedFieldLabel(path: string, manifest?: DraftManifest | null): string {
  return `“${fieldLabel(path, manifest).replaceAll('“', '‘').replaceAll('”', '’')}”`;
}

// A dotted path (`provenance.containsPersonalData`, `label.classes`) standing alone, in straight quotes or not.
const PATH_IN_TEXT = /("?)\b([a-z]\w*(?:\.\w+)+)\b(?!\.\w)\1/g;

// A yes/no field set to a JSON value in a hint: the form's radios say Yes and No.
const BOOLEAN_SETTING = /\b(provenance\.containsPersonalData"?) to (true|false)\b/g;

/**
 * `text` (a finding's hint, which @assay/quality writes for its CLI too) with each manifest path the form names
 * replaced by that name, quoted, and a yes/no field's `true` or `false` by the answer the form offers: "set
 * provenance.containsPersonalData to true" reads "set “Does the data contain personal data…?” to “Yes”". A path
 * the form has no name for, or one that is part of a longer path, stays.
 */
export function withFieldLabels(text: string, manifest?: DraftManifest | null): string {
  return text
    .replace(
      BOOLEAN_SETTING,
      (_match, path: string, value: string) => `${path} to “${value === 'true' ? 'Yes' : 'No'}”`,
    )
    .replace(PATH_IN_TEXT, (match, _quote: string, path: string) =>
      fieldLabel(path, manifest) === path ? match : quotedFieldLabel(path, manifest),
    );
}
