import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DraftManifestSchema,
  isClassificationTask,
  isLabeledTask,
  MAX_TITLE_LENGTH,
  ManifestSchema,
  TaskSchema,
} from './manifest.ts';

/** The example of DESIGN.md, verbatim: the public contract. */
export const designExample = {
  title: 'Customer support tickets, labeled by urgency',
  description: 'What the data is, why it was made, what one row is.',
  task: 'classification',
  columns: [
    { name: 'text', type: 'string', description: 'Ticket body as written by the customer' },
    { name: 'urgency', type: 'category', description: 'Urgency judged by the agent' },
    { name: 'created', type: 'date', description: 'Day the ticket was opened', unit: null },
  ],
  label: {
    column: 'urgency',
    classes: [
      { name: 'high', definition: 'Service is down for the customer' },
      { name: 'low', definition: 'Question or request that can wait a day' },
    ],
  },
  context: {
    collectionMethod: 'Exported from our helpdesk, March–May 2025',
    timeframe: { start: '2025-03-01', end: '2025-05-31' },
    population: 'Customers of a small hosting company',
    geography: 'EU',
    intendedUse: 'Training a ticket triage classifier',
    limitations: 'English only; one company',
    annotationProtocol: 'One agent per ticket, labeled at close time',
    language: 'en',
  },
  provenance: {
    sourceType: 'self-collected',
    sourceUrl: null,
    license: 'CC-BY-4.0',
    consentBasis: 'contract',
    containsPersonalData: false,
    attestation: {
      signedBy: 'Jane Doe',
      signedAt: '2025-06-01T10:00:00Z',
      statement: 'I have the right to contribute this data under this licence.',
    },
  },
};

function issuePaths(input: unknown): string[] {
  const result = ManifestSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => issue.path.join('.'));
}

describe('ManifestSchema', () => {
  it('accepts the DESIGN.md example unchanged', () => {
    expect(ManifestSchema.parse(designExample)).toEqual(designExample);
  });

  it.each([
    ['empty context', { ...designExample, context: {} }],
    [
      'classes without definitions',
      { ...designExample, label: { column: 'urgency', classes: [{ name: 'high' }] } },
    ],
    ['unknown licence string', { ...designExample, provenance: { license: 'MY-OWN-LICENCE' } }],
    ['no attestation', { ...designExample, provenance: { ...designExample.provenance, attestation: null } }],
    ['no provenance at all', { title: 't', task: 'regression', columns: [{ name: 'y', type: 'number' }] }],
    [
      "a regression's target column, without classes",
      {
        title: 't',
        task: 'regression',
        columns: [{ name: 'price', type: 'number' }],
        label: { column: 'price', classes: [] },
      },
    ],
  ])('accepts a weak but well-formed draft: %s', (_name, manifest) => {
    expect(issuePaths(manifest)).toEqual([]);
  });

  it.each([
    ['missing title', { ...designExample, title: undefined }, ['title']],
    ['unknown task', { ...designExample, task: 'clustering' }, ['task']],
    [
      'column type not in the enum',
      { ...designExample, columns: [{ name: 'x', type: 'text' }] },
      ['columns.0.type'],
    ],
    ['classification without label', { ...designExample, label: undefined }, ['label']],
    [
      'unknown consent basis',
      { ...designExample, provenance: { consentBasis: 'maybe' } },
      ['provenance.consentBasis'],
    ],
    [
      'wrong type for containsPersonalData',
      { ...designExample, provenance: { containsPersonalData: 'no' } },
      ['provenance.containsPersonalData'],
    ],
    [
      'duplicate column names',
      {
        ...designExample,
        columns: [
          { name: 'a', type: 'string' },
          { name: 'a', type: 'string' },
        ],
      },
      ['columns.1.name'],
    ],
  ])('rejects a malformed manifest: %s', (_name, manifest, paths) => {
    expect(issuePaths(manifest)).toEqual(paths);
  });

  it('drops keys named __proto__ and constructor instead of polluting objects', () => {
    const hostile = JSON.parse(
      '{"title":"t","task":"other","columns":[{"name":"a","type":"string"}],"__proto__":{"polluted":true},"constructor":{"x":1}}',
    );
    const parsed = ManifestSchema.parse(hostile) as Record<string, unknown>;
    expect(Object.hasOwn(parsed, '__proto__')).toBe(false);
    expect(Object.hasOwn(parsed, 'constructor')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('flattens issues per field for forms', () => {
    const result = ManifestSchema.safeParse({ title: '', task: 'classification', columns: [] });
    expect(result.success).toBe(false);
    const flat = z.flattenError(result.error!);
    expect(Object.keys(flat.fieldErrors).sort()).toEqual(['columns', 'label', 'title']);
  });
});

describe('DraftManifestSchema', () => {
  it('takes a title of up to 200 characters, and says so of a longer one', () => {
    expect(DraftManifestSchema.safeParse({ title: 'T'.repeat(MAX_TITLE_LENGTH) }).success).toBe(true);
    const result = DraftManifestSchema.safeParse({ title: 'T'.repeat(MAX_TITLE_LENGTH + 1) });
    expect(z.flattenError(result.error!).fieldErrors).toEqual({
      title: ['Keep the title to at most 200 characters'],
    });
  });
});

describe('task predicates', () => {
  it('name the tasks whose rows carry classes, and those with a label or target column', () => {
    const table = TaskSchema.options.map((task) => [task, isClassificationTask(task), isLabeledTask(task)]);
    expect(table).toEqual([
      ['classification', true, true],
      ['multilabel-classification', true, true],
      ['regression', false, true],
      ['other', false, false],
    ]);
    expect([isClassificationTask(null), isLabeledTask(undefined)]).toEqual([false, false]);
  });
});
