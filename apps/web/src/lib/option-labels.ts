import type { ColumnType, ConsentBasis, SourceType, Task } from '@assay/schema';

/**
 * The manifest's enum values in words, for the form's choices and the reviewer's datasheet. The values
 * stay as they are in `assay.json` (a public contract); only what people read changes.
 */
export const TASK_LABELS: Record<Task, string> = {
  classification: 'Classification (one label a row)',
  'multilabel-classification': 'Multi-label classification (several labels a row)',
  regression: 'Regression (a number to predict)',
  other: 'Other',
};

export const SOURCE_TYPE_LABELS: Record<SourceType, string> = {
  'self-collected': 'Self-collected',
  scraped: 'Scraped from the web',
  purchased: 'Purchased',
  generated: 'Generated (synthetic)',
  derived: 'Derived from other data',
};

export const CONSENT_BASIS_LABELS: Record<ConsentBasis, string> = {
  consent: 'Consent of the people in it',
  contract: 'Contract',
  'legitimate-interest': 'Legitimate interest',
  'public-data': 'Public data',
  'not-applicable': 'Not applicable (no people in the data)',
};

export const COLUMN_TYPE_LABELS: Record<ColumnType, string> = {
  string: 'Text',
  category: 'Category',
  integer: 'Whole number',
  number: 'Number',
  boolean: 'Yes / no',
  date: 'Date',
  datetime: 'Date and time',
};

const DECLARED_TYPE = /\bdeclared type (string|category|integer|number|boolean|datetime|date)\b/g;

/**
 * A finding's text with a column type the scorer names by its code (`declared type integer`, for its CLI)
 * named as the Preview's type picker does: `declared type “Whole number”`.
 */
export function withColumnTypeLabels(text: string): string {
  return text.replace(
    DECLARED_TYPE,
    (_match, type: ColumnType) => `declared type “${COLUMN_TYPE_LABELS[type]}”`,
  );
}

/** A Select's data for an enum: each value with its words. */
export function optionsOf<T extends string>(labels: Record<T, string>): { value: T; label: string }[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));
}

/** A stored value in words; a value the table does not know (an old or hand-written manifest) as it is. */
export function labelOf(labels: Record<string, string>, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  return Object.hasOwn(labels, value) ? labels[value]! : value;
}
