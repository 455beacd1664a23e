import { ColumnTypeSchema, ConsentBasisSchema, SourceTypeSchema, TaskSchema } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import {
  COLUMN_TYPE_LABELS,
  CONSENT_BASIS_LABELS,
  labelOf,
  optionsOf,
  SOURCE_TYPE_LABELS,
  TASK_LABELS,
  withColumnTypeLabels,
} from './option-labels.ts';

describe('option labels', () => {
  it("word every value of the manifest's enums, in the schema's order", () => {
    for (const [schema, labels] of [
      [TaskSchema, TASK_LABELS],
      [ColumnTypeSchema, COLUMN_TYPE_LABELS],
      [SourceTypeSchema, SOURCE_TYPE_LABELS],
      [ConsentBasisSchema, CONSENT_BASIS_LABELS],
    ] as const) {
      expect(optionsOf(labels as Record<string, string>).map((option) => option.value)).toEqual(
        schema.options,
      );
      for (const option of optionsOf(labels as Record<string, string>)) {
        expect(option.label).not.toBe(option.value);
        expect(option.label).toMatch(/^[A-Z]/);
      }
    }
  });

  it('keep a value they do not know as it is, and say nothing for none', () => {
    expect(labelOf(SOURCE_TYPE_LABELS, 'self-collected')).toBe('Self-collected');
    expect(labelOf(SOURCE_TYPE_LABELS, 'borrowed')).toBe('borrowed');
    expect(labelOf(SOURCE_TYPE_LABELS, 'constructor')).toBe('constructor');
    expect(labelOf(SOURCE_TYPE_LABELS, null)).toBeNull();
    expect(labelOf(SOURCE_TYPE_LABELS, '')).toBeNull();
  });
});

describe('withColumnTypeLabels', () => {
  // A type error said "not of the declared type integer" where the form calls the type "Whole number".
  it('names a declared type as the type picker does, and leaves other words alone', () => {
    expect(withColumnTypeLabels('3 values in column "n" are not of the declared type integer.')).toBe(
      '3 values in column "n" are not of the declared type “Whole number”.',
    );
    expect(withColumnTypeLabels('1 value in column "d" is not of the declared type datetime.')).toBe(
      '1 value in column "d" is not of the declared type “Date and time”.',
    );
    expect(withColumnTypeLabels('A date column must hold a date.')).toBe('A date column must hold a date.');
  });
});
