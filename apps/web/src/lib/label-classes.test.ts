import { scoreDataset } from '@assay/quality';
import { describe, expect, it } from 'vitest';
import {
  classControlsOf,
  classesAsMultilabel,
  classesForValues,
  countLabels,
  isMostlyMultilabel,
  labelsByCount,
  labelsOfCell,
  labelVariantGroups,
  proposedTarget,
  visibleLabel,
  withClassesAdded,
} from './label-classes.ts';

const VERSION_1 = [
  { name: 'question', definition: 'Asks how to do something' },
  { name: 'complaint', definition: 'Reports something that went wrong' },
  { name: 'praise', definition: null },
  { name: 'spam', definition: 'Not from a customer' },
];

describe('proposedTarget', () => {
  const columns = (types: Record<string, 'string' | 'category' | 'integer' | 'number'>) =>
    Object.entries(types).map(([name, type]) => ({ name, type }));

  it('keeps a numeric label column, else proposes the one numeric column, else none', () => {
    expect(proposedTarget(columns({ text: 'string', minutes: 'integer', cost: 'number' }), 'cost')).toBe(
      'cost',
    );
    expect(
      proposedTarget(columns({ text: 'string', urgency: 'category', minutes: 'integer' }), 'urgency'),
    ).toBe('minutes');
    expect(proposedTarget(columns({ text: 'string', minutes: 'integer' }), null)).toBe('minutes');
    // Two numbers: which one is predicted is the contributor's to say.
    expect(
      proposedTarget(columns({ text: 'string', minutes: 'integer', cost: 'number' }), 'text'),
    ).toBeNull();
    expect(proposedTarget(columns({ text: 'string' }), 'text')).toBeNull();
    expect(proposedTarget(undefined, null)).toBeNull();
  });
});

describe('classesForValues', () => {
  // A new file without "spam" kept the class (and the pre-score's error about it) with no way to remove it.
  it('drops a class the new file lacks and keeps the definitions of those it has', () => {
    expect(classesForValues(['complaint', 'question', 'praise'], VERSION_1)).toEqual([
      { name: 'complaint', definition: 'Reports something that went wrong' },
      { name: 'question', definition: 'Asks how to do something' },
      { name: 'praise', definition: null },
    ]);
  });

  it('adds the values the declared classes lack, undefined', () => {
    expect(classesForValues(['question', 'feature request'], VERSION_1)).toEqual([
      { name: 'question', definition: 'Asks how to do something' },
      { name: 'feature request', definition: null },
    ]);
  });

  // Switching the label column away and back emptied every definition.
  it('takes a definition from the first known class of that name that has one', () => {
    const remembered = [{ name: 'praise', definition: 'Thanks us' }];
    expect(classesForValues(['praise', 'spam'], [...VERSION_1, ...remembered])).toEqual([
      { name: 'praise', definition: 'Thanks us' },
      { name: 'spam', definition: 'Not from a customer' },
    ]);
  });

  it('is empty for a column without values, and names each value once', () => {
    expect(classesForValues([], VERSION_1)).toEqual([]);
    expect(classesForValues(['a', 'a'], [])).toEqual([{ name: 'a', definition: null }]);
  });
});

describe('withClassesAdded', () => {
  it('appends the values not declared, defined as known, and leaves the declared ones as they are', () => {
    const declared = [{ name: 'question', definition: null }];
    expect(withClassesAdded(declared, ['question', 'spam', 'other'], VERSION_1)).toEqual([
      { name: 'question', definition: null },
      { name: 'spam', definition: 'Not from a customer' },
      { name: 'other', definition: null },
    ]);
  });
});

// A multilabel file's cells `cat|dog` were declared as a class "cat|dog", which the scorer never counts: it
// splits them (countLabel in @assay/quality's scan.ts) and reported "cat|dog" as a class no row has.
describe('labelsOfCell', () => {
  it.each([
    ['cat|dog', ['cat', 'dog']],
    ['cat; dog', ['cat', 'dog']],
    [' cat , dog ,', ['cat', 'dog']],
    ['cat||dog', ['cat', 'dog']],
    ['cat', ['cat']],
    [' cat ', [' cat ']],
  ])('splits %j as the scorer does for a multilabel task', (cell, labels) => {
    expect(labelsOfCell(cell, 'multilabel-classification')).toEqual(labels);
  });

  // JSONL's arrays reach the preview as JSON text; split on commas they were '["sports"' and '"politics"]'.
  it('reads a JSON array of labels as its labels, as the scorer reads a JSONL array', async () => {
    const cells = [['sports', 'politics'], ['sports'], [' tech '], [], ['politics', 2]];
    expect(cells.map((cell) => labelsOfCell(JSON.stringify(cell), 'multilabel-classification'))).toEqual([
      ['sports', 'politics'],
      ['sports'],
      [' tech '],
      [],
      ['politics', '2'],
    ]);
    const jsonl = cells
      .map((labels, index) => JSON.stringify({ text: `m${index}`, label: labels }))
      .join('\n');
    const report = await scoreDataset({
      source: new Blob([jsonl]).stream(),
      format: 'jsonl',
      manifest: {
        title: 'News',
        task: 'multilabel-classification',
        columns: [
          { name: 'text', type: 'string' },
          { name: 'label', type: 'category' },
        ],
        label: { column: 'label', classes: [{ name: 'sports' }] },
      },
    });
    expect(report.stats.labelCounts).toEqual({ sports: 2, politics: 2, ' tech ': 1, '2': 1 });
    expect(report.findings.map((finding) => finding.code)).not.toContain('structure.nested-value');
    // Arrays of one label still make a multilabel column.
    expect(isMostlyMultilabel([{ l: '["a"]' }, { l: '["b"]' }, { l: 'c' }], 'l')).toBe(true);
  });

  it('leaves the cell whole for a single-label task', () => {
    expect(labelsOfCell('cat|dog', 'classification')).toEqual(['cat|dog']);
    expect(labelsOfCell('cat; dog', undefined)).toEqual(['cat; dog']);
  });
});

describe('countLabels', () => {
  const rows = ['cat|dog', 'cat', 'dog; bird', 'cat|dog', ''].map((animals) => ({ animals }));

  it('counts each label of a multilabel cell, most frequent first', () => {
    expect(countLabels(rows, 'animals', 'multilabel-classification')).toEqual([
      { value: 'cat', count: 3 },
      { value: 'dog', count: 3 },
      { value: 'bird', count: 1 },
    ]);
  });

  it('counts as the scorer counts the whole file', async () => {
    const cells = ['cat|dog', 'cat', 'dog; bird', 'cat,dog', ' fish ', 'bird |', 'cat | dog|fish'];
    const csv = ['text,label', ...cells.map((cell, index) => `m${index},"${cell}"`)].join('\n');
    const report = await scoreDataset({
      source: new Blob([csv]).stream(),
      format: 'csv',
      manifest: {
        title: 'Pets',
        task: 'multilabel-classification',
        columns: [
          { name: 'text', type: 'string' },
          { name: 'label', type: 'category' },
        ],
        label: { column: 'label', classes: [{ name: 'cat' }] },
      },
    });
    const rows = cells.map((label) => ({ label }));
    expect(
      Object.fromEntries(
        countLabels(rows, 'label', 'multilabel-classification').map((c) => [c.value, c.count]),
      ),
    ).toEqual(report.stats.labelCounts);
  });

  it('counts whole cells for a single-label task', () => {
    expect(countLabels(rows, 'animals', 'classification')).toEqual([
      { value: 'cat|dog', count: 2 },
      { value: 'cat', count: 1 },
      { value: 'dog; bird', count: 1 },
    ]);
  });
});

describe('classesAsMultilabel', () => {
  it('puts the labels of a class drawn from a whole cell in its place, once each, defined as known', () => {
    const classes = [
      { name: 'cat', definition: 'A cat' },
      { name: 'cat|dog', definition: null },
      { name: 'bird;fish', definition: null },
    ];
    expect(classesAsMultilabel(classes, [{ name: 'fish', definition: 'A fish' }])).toEqual([
      { name: 'cat', definition: 'A cat' },
      { name: 'dog', definition: null },
      { name: 'bird', definition: null },
      { name: 'fish', definition: 'A fish' },
    ]);
  });

  it('returns the classes themselves when none holds a separator', () => {
    expect(classesAsMultilabel(VERSION_1, [])).toBe(VERSION_1);
  });
});

describe('isMostlyMultilabel', () => {
  const rows = (labels: string[]) => labels.map((label) => ({ label }));
  it.each([
    { labels: ['health|politics', 'sport; health', 'economy'], isMultilabel: true },
    { labels: ['health|politics', 'sport', 'economy'], isMultilabel: false },
    // Empty cells and separators with nothing beside them (`a|`) hold one label or none.
    { labels: ['a|b', '', '', 'c|'], isMultilabel: false },
    { labels: ['a,b', 'c,d', ' '], isMultilabel: true },
    { labels: [], isMultilabel: false },
  ])('$labels → $isMultilabel', ({ labels, isMultilabel }) => {
    expect(isMostlyMultilabel(rows(labels), 'label')).toBe(isMultilabel);
  });
});

describe('labelsByCount', () => {
  it('orders a report’s labels most frequent first, ties by name', () => {
    expect(labelsByCount({ low: 60, high: 60, medium: 3, urgent: 70 })).toEqual([
      'urgent',
      'high',
      'low',
      'medium',
    ]);
  });
});

describe('classControlsOf', () => {
  const manifest = {
    task: 'classification' as const,
    label: { column: 'label', classes: [{ name: 'low' }, { name: 'medium' }] },
  };
  const counts = { low: 60, high: 60 };
  // "Go to “Label classes”" opened the Datasheet, whose classes can be removed but not added.
  it('sends labels to declare and a class no row has to the Preview step’s controls', () => {
    expect(classControlsOf('label.classes', manifest, counts)).toEqual([
      'label-classes-declare',
      'label-classes',
      'field-label.column',
    ]);
    expect(classControlsOf('label.classes.1', manifest, counts)?.[0]).toBe('label-classes-remove-absent');
  });

  it('leaves a class the file has (a rare one), its definition and other fields to the Datasheet', () => {
    expect(classControlsOf('label.classes.0', manifest, counts)).toBeNull();
    expect(classControlsOf('label.classes.1.definition', manifest, counts)).toBeNull();
    expect(classControlsOf('provenance.license', manifest, counts)).toBeNull();
  });
});

describe('labelVariantGroups', () => {
  it('groups the labels that differ only in case or spaces, keeping their order', () => {
    expect(labelVariantGroups(['positive', 'negative', ' positive', 'Positive', 'NEG', 'Negative '])).toEqual(
      [
        ['positive', ' positive', 'Positive'],
        ['negative', 'Negative '],
      ],
    );
    expect(labelVariantGroups(['high', 'low', 'medium'])).toEqual([]);
  });

  it('shows a label with spaces at its ends in quotes, so that they are seen', () => {
    expect(visibleLabel(' positive')).toBe('“ positive”');
    expect(visibleLabel('positive')).toBe('positive');
  });
});
