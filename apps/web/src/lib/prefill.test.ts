import type { DraftManifest } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import { prefill, withNamesOfHeader } from './prefill.ts';

function sample(header: string[], labels: string[]) {
  return {
    format: 'csv',
    isBinary: false,
    header,
    rows: labels.map((label, index) => ({ text: `message ${index}`, label, channel: 'email' })),
  };
}

const VERSION_1: DraftManifest = {
  title: 'Feedback',
  task: 'classification',
  columns: [
    { name: 'text', type: 'string', description: 'The message' },
    { name: 'label', type: 'category' },
    { name: 'old', type: 'integer' },
  ],
  label: {
    column: 'label',
    classes: [
      { name: 'question', definition: 'Asks how' },
      { name: 'complaint', definition: 'Something went wrong' },
      { name: 'praise', definition: 'Thanks us' },
      { name: 'spam', definition: 'Not a customer' },
    ],
  },
};

describe('prefill', () => {
  // As the scorer reads them: where no comma separates values, `3,50` is a number.
  it('declares a column of decimal commas a number in a TSV or a semicolon CSV, text in a comma CSV', () => {
    const prices = (format: string, delimiter?: ';') => ({
      format,
      isBinary: false,
      header: ['price'],
      rows: ['3,50', '12', '1.249,00'].map((price) => ({ price })),
      ...(delimiter ? { delimiter } : {}),
    });
    const typeOf = (preview: ReturnType<typeof prices>) => prefill({}, preview, 'p.tsv').columns?.[0]?.type;
    expect(typeOf(prices('tsv'))).toBe('number');
    expect(typeOf(prices('csv', ';'))).toBe('number');
    expect(typeOf(prices('csv'))).toBe('string');
  });

  it('fills an empty draft from the file: title, columns, label column and classes', () => {
    const next = prefill({}, sample(['text', 'label'], ['a', 'b', 'a', 'b']), 'support_tickets.csv');
    expect(next.title).toBe('support tickets');
    expect(next.columns?.map((column) => column.name)).toEqual(['text', 'label']);
    expect(next.task).toBe('classification');
    expect(next.label).toEqual({
      column: 'label',
      classes: [
        { name: 'a', definition: null },
        { name: 'b', definition: null },
      ],
    });
  });

  // A 50-row preview is no proof that a class is gone: a new version's file keeps the declared classes
  // and their definitions (the pre-score reports one the whole file lacks; the form removes it), and
  // its new labels are added.
  it('keeps the declared classes of a new file, with their definitions, and adds its new labels', () => {
    const next = prefill(
      VERSION_1,
      sample(['text', 'label', 'channel'], ['question', 'complaint', 'praise', 'refund', 'question']),
      'v2.csv',
    );
    expect(next.label).toEqual({
      column: 'label',
      classes: [...VERSION_1.label!.classes!, { name: 'refund', definition: null }],
    });
    expect(next.title).toBe('Feedback');
  });

  it("makes the columns follow the file's header, keeping what was declared of each", () => {
    // The new file lacks "old": kept, it was reported missing from the file with no way to remove it.
    expect(prefill(VERSION_1, sample(['label', 'text'], ['question']), 'v2.csv').columns).toEqual([
      { name: 'label', type: 'category' },
      { name: 'text', type: 'string', description: 'The message' },
    ]);
    expect(prefill(VERSION_1, sample(['text', 'channel'], ['question']), 'v2.csv').columns).toEqual([
      { name: 'text', type: 'string', description: 'The message' },
      { name: 'channel', type: 'string', description: null },
    ]);
  });

  it('takes a definition known from earlier for a class that comes back', () => {
    const next = prefill(
      { ...VERSION_1, label: { column: 'label', classes: [] } },
      sample(['text', 'label'], ['spam', 'praise']),
      'v3.csv',
      [{ name: 'spam', definition: 'Not a customer' }],
    );
    expect(next.label?.classes).toEqual([
      { name: 'praise', definition: null },
      { name: 'spam', definition: 'Not a customer' },
    ]);
  });

  it('detects the label column again when the new file lacks the declared one', () => {
    const next = prefill(
      { ...VERSION_1, label: { column: 'urgency', classes: [{ name: 'high', definition: 'Down' }] } },
      sample(['text', 'label'], ['question', 'praise']),
      'v2.csv',
    );
    expect(next.label).toEqual({
      column: 'label',
      classes: [
        { name: 'praise', definition: null },
        { name: 'question', definition: null },
      ],
    });
  });

  it('leaves the label of a task that is not a classification alone', () => {
    const manifest: DraftManifest = { task: 'other', label: { column: 'label', classes: [] } };
    expect(prefill(manifest, sample(['text', 'label'], ['a', 'b']), 'x.csv').label).toEqual(manifest.label);
  });

  // A multilabel draft's classes were the file's whole cells ("cat|dog"), not the labels the scorer counts.
  it('draws the classes of a multilabel task from the labels in its cells, and whole cells otherwise', () => {
    const cells = ['cat|dog', 'cat', 'dog; bird'];
    const multilabel = prefill(
      { task: 'multilabel-classification' },
      sample(['text', 'label'], cells),
      'pets.csv',
    );
    expect(multilabel.label?.classes?.map((labelClass) => labelClass.name)).toEqual(['cat', 'dog', 'bird']);
    const single = prefill({ task: 'classification' }, sample(['text', 'label'], cells), 'pets.csv');
    expect(single.label?.classes?.map((labelClass) => labelClass.name)).toEqual([
      'cat',
      'cat|dog',
      'dog; bird',
    ]);
  });

  // A file of `health|politics` labels became single-label classification, each combination its own class.
  it('proposes multilabel classification when most labels hold several, and classification otherwise', () => {
    const topics = ['health|politics', 'sport', 'health; economy', 'politics,sport', 'economy'];
    const multilabel = prefill({}, sample(['text', 'label'], topics), 'news.csv');
    expect(multilabel.task).toBe('multilabel-classification');
    expect(multilabel.label?.classes?.map((labelClass) => labelClass.name)).toEqual([
      'economy',
      'health',
      'politics',
      'sport',
    ]);
    // Half is not most: a few cells with a comma in a single label do not make a file multilabel.
    const single = prefill({}, sample(['text', 'label'], ['a|b', 'c', 'd, e', 'f']), 'x.csv');
    expect(single.task).toBe('classification');
    // A JSONL file's arrays of labels, in a column of any name, make a multilabel task (its tasks were left
    // as "classification" with no label column, and the pre-score failed as malformed).
    const jsonl = {
      format: 'jsonl',
      isBinary: false,
      header: ['text', 'flags'],
      rows: [['ux', 'bug'], ['billing'], ['bug', 'feature']].map((flags, index) => ({
        text: `report ${index}`,
        flags: JSON.stringify(flags),
      })),
    };
    const tagged = prefill({}, jsonl, 'reports.jsonl');
    expect(tagged.task).toBe('multilabel-classification');
    expect(tagged.label?.column).toBe('flags');
    expect(tagged.label?.classes?.map((labelClass) => labelClass.name).sort()).toEqual([
      'billing',
      'bug',
      'feature',
      'ux',
    ]);
    // A task already chosen (by hand, or by the data request) stays.
    expect(prefill({ task: 'classification' }, sample(['text', 'label'], topics), 'x.csv').task).toBe(
      'classification',
    );
  });
});

// Scorer 2.5 reads a CSV header's "review " as "review"; drafts prefilled before it declared "review ", and
// the pre-score then called the column missing.
describe('withNamesOfHeader', () => {
  const padded: DraftManifest = {
    columns: [
      { name: 'review ', type: 'string', description: 'What the customer wrote' },
      { name: ' label', type: 'category' },
      { name: 'id', type: 'integer' },
    ],
    label: { column: ' label', classes: [{ name: 'good', definition: 'Liked it' }] },
  };

  it('renames declared columns, and the label column, to the names the header has without end spaces', () => {
    expect(withNamesOfHeader(padded, ['review', 'label', 'id'])).toEqual({
      columns: [
        { name: 'review', type: 'string', description: 'What the customer wrote' },
        { name: 'label', type: 'category' },
        { name: 'id', type: 'integer' },
      ],
      label: { column: 'label', classes: [{ name: 'good', definition: 'Liked it' }] },
    });
  });

  it('leaves a name the header has as written, and returns the same manifest when nothing changes', () => {
    // A JSON Lines key keeps its spaces: "review " is then the column.
    expect(withNamesOfHeader(padded, ['review ', ' label', 'id'])).toBe(padded);
    expect(withNamesOfHeader(padded, ['text'])).toBe(padded);
  });

  it('keeps what was declared of a padded column when a new file is dropped', () => {
    const next = prefill(padded, sample(['review', 'label', 'id'], ['good', 'bad']), 'v2.csv');
    expect(next.columns?.[0]).toEqual({
      name: 'review',
      type: 'string',
      description: 'What the customer wrote',
    });
    expect(next.label?.column).toBe('label');
    expect(next.label?.classes?.[0]).toEqual({ name: 'good', definition: 'Liked it' });
  });
});
