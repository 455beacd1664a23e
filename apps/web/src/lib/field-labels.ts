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
  'provenance.containsPersonalData': 'The data contains personal data (names, emails, phone numbers…)',
  'provenance.attestation': 'Attestation',
  'label.column': 'Label column',
  'label.classes': 'Label classes',
  columns: 'Columns',
};

/** The label of the input for a column's description. */
function columnDescriptionLabel(name: string): string {
  return `What “${name}” holds`;
}

/** The label of the input for a column's unit. */
function columnUnitLabel(name: string): string {
  return `Unit of “${name}” (if any)`;
}

/** The label of the input for a label class's definition. */
function classDefinitionLabel(name: string): string {
  return `Definition of “${name}”`;
}

/**
 * A manifest path (`provenance.license`, `columns.2.description`, `label.classes[1].definition`) as the form
 * names it; column and class names come from the manifest. A path the form has no name for is returned as
 * it is, so nothing is hidden.
 */
export function fieldLabel(path: string, manifest?: DraftManifest | null): string {
  const parts = splitPath(path);
  const key = parts.join('.');
  if (FIELD_LABELS[key]) return FIELD_LABELS[key];
  if (parts[0] === 'provenance' && parts[1] === 'attestation') return FIELD_LABELS['provenance.attestation']!;
  const index = Number(parts[1]);
  if (parts[0] === 'columns' && Number.isInteger(index)) {
    const name = manifest?.columns?.[index]?.name || `column ${index + 1}`;
    if (parts[2] === 'description') return columnDescriptionLabel(name);
    if (parts[2] === 'unit') return columnUnitLabel(name);
    return `Column “${name}”`;
  }
  if (parts[0] === 'label' && parts[1] === 'classes' && Number.isInteger(Number(parts[2]))) {
    const name = manifest?.label?.classes?.[Number(parts[2])]?.name || `class ${Number(parts[2]) + 1}`;
    return parts[3] === 'definition' ? classDefinitionLabel(name) : `Label class “${name}”`;
  }
  return path;
}
