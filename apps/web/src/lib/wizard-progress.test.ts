import type { DraftManifest } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import {
  COPIED_DRAFT_STATE,
  isCopiedDraft,
  openingStepOf,
  stepOfField,
  unansweredDatasheetFields,
} from './wizard-progress.ts';

/** A draft with every question answered (as GOOD_MANIFEST in the server's tests). */
const COMPLETE: DraftManifest = {
  title: 'Customer support tickets',
  description: 'Support tickets, one per row, labeled by urgency.',
  task: 'classification',
  columns: [
    { name: 'text', type: 'string', description: 'Ticket body' },
    { name: 'urgency', type: 'category', description: 'Urgency judged by the agent', unit: null },
  ],
  label: {
    column: 'urgency',
    classes: [
      { name: 'high', definition: 'Service is down' },
      { name: 'low', definition: 'Can wait a day' },
    ],
  },
  context: {
    collectionMethod: 'Exported from our helpdesk',
    timeframe: { start: '2025-03-01', end: '2025-05-31' },
    population: 'Customers of a hosting company',
    geography: 'EU',
    intendedUse: 'Training a triage classifier',
    limitations: 'English only',
    annotationProtocol: 'One agent per ticket',
    language: 'en',
  },
  provenance: {
    sourceType: 'self-collected',
    sourceUrl: null,
    license: 'CC-BY-4.0',
    consentBasis: 'contract',
    containsPersonalData: false,
    attestation: { signedBy: 'Jane Doe', signedAt: '2025-06-01T10:00:00Z', statement: 'I may.' },
  },
};

const without = (path: string, value: unknown = null): DraftManifest => {
  const copy = structuredClone(COMPLETE) as Record<string, unknown>;
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys.at(-1) as string] = value;
  return copy as DraftManifest;
};

describe('stepOfField', () => {
  it.each([
    ['provenance.license', 3],
    ['label.classes[0].definition', 3],
    ['columns.1.description', 3],
    ['columns.1.type', 2],
    ['label.column', 2],
    ['task', 2],
  ])('%s is on step %i', (path, step) => {
    expect(stepOfField(path)).toBe(step);
  });
});

describe('unansweredDatasheetFields', () => {
  it('finds nothing left in a complete draft, without a unit or a source URL ("if any")', () => {
    expect(unansweredDatasheetFields(COMPLETE)).toEqual([]);
  });

  it('names each unanswered question, blank text counting as none', () => {
    expect(unansweredDatasheetFields(without('context.geography', '  '))).toEqual(['context.geography']);
    expect(unansweredDatasheetFields(without('columns.1.description'))).toEqual(['columns.1.description']);
    expect(unansweredDatasheetFields(without('label.classes.0.definition'))).toEqual([
      'label.classes.0.definition',
    ]);
    expect(unansweredDatasheetFields(without('provenance.containsPersonalData'))).toEqual([
      'provenance.containsPersonalData',
    ]);
    expect(unansweredDatasheetFields(without('provenance.attestation.signedAt'))).toEqual([
      'provenance.attestation',
    ]);
  });

  it('asks of a regression no class definitions, and of a task without labels no annotation protocol', () => {
    const regression = { ...without('label.classes.0.definition'), task: 'regression' as const };
    expect(unansweredDatasheetFields(regression)).toEqual([]);
    const unlabeled = { ...without('context.annotationProtocol'), task: 'other' as const, label: null };
    expect(unansweredDatasheetFields(unlabeled)).toEqual([]);
    expect(unansweredDatasheetFields(without('context.annotationProtocol'))).toEqual([
      'context.annotationProtocol',
    ]);
  });

  it('lists every question of an empty draft, in the form’s order', () => {
    expect(unansweredDatasheetFields({ title: 'Tickets' })).toEqual([
      'description',
      'context.collectionMethod',
      'context.timeframe.start',
      'context.timeframe.end',
      'context.population',
      'context.geography',
      'context.language',
      'context.intendedUse',
      'context.limitations',
      'provenance.sourceType',
      'provenance.license',
      'provenance.consentBasis',
      'provenance.containsPersonalData',
      'provenance.attestation',
    ]);
  });
});

// A draft reopened on another device opened on its Preview, even with every step done.
describe('openingStepOf', () => {
  it.each([
    ['a draft without a file', { hasFile: false, manifest: COMPLETE }, 1],
    ['a complete draft', { hasFile: true, manifest: COMPLETE }, 5],
    ['a classification without its label column', { hasFile: true, manifest: without('label') }, 2],
    ['a draft without a task', { hasFile: true, manifest: without('task') }, 2],
    ['a draft without columns', { hasFile: true, manifest: without('columns', []) }, 2],
    ['a draft with an unanswered question', { hasFile: true, manifest: without('context.limitations') }, 3],
    ['a draft without a title', { hasFile: true, manifest: without('title') }, 3],
    ['a draft with only its title', { hasFile: true, manifest: { title: 'Tickets' } }, 2],
  ])('opens %s on step %i', (_, draft, step) => {
    expect(openingStepOf(draft)).toBe(step);
  });
});

describe('isCopiedDraft', () => {
  it('reads the state of a link to a draft just copied from another, and nothing else', () => {
    expect(isCopiedDraft(COPIED_DRAFT_STATE)).toBe(true);
    expect(isCopiedDraft(null)).toBe(false);
    expect(isCopiedDraft({ isCopiedDraft: 'yes' })).toBe(false);
  });
});
