import type { Manifest, ReasonCode } from '@assay/schema';
import type { Random } from './random.ts';

/**
 * Defects the simulator can inject. This is the ground truth: it lives only in the simulator's memory and
 * decides what simulated reviewers do. The scorer sees nothing but the file and the manifest.
 */
export const DEFECTS = {
  'ragged-rows': {
    weight: 1.0,
    base: 0.25,
    reason: 'structure.parse-errors',
    findings: ['structure.ragged-rows'],
  },
  'wrong-labels': {
    weight: 1.5,
    base: 0.3,
    reason: 'structure.label-quality',
    findings: ['structure.label-outside-schema'],
  },
  duplicates: {
    weight: 0.7,
    base: 0.25,
    reason: 'structure.duplicates',
    findings: ['structure.duplicate-rows', 'structure.near-duplicate-rows'],
  },
  'too-few-rows': { weight: 1.2, base: 0.15, reason: 'fit.too-small', findings: ['structure.too-few-rows'] },
  'schema-mismatch': {
    weight: 2.0,
    base: 0.15,
    reason: 'structure.schema-mismatch',
    findings: ['structure.required-column-missing', 'structure.label-column-missing'],
  },
  'missing-datasheet': {
    weight: 1.0,
    base: 0.5,
    reason: 'context.missing-datasheet',
    findings: [
      'context.missing-description',
      'context.missing-collection-method',
      'context.missing-population',
      'context.missing-intended-use',
      'context.missing-limitations',
    ],
  },
  'undefined-labels': {
    weight: 0.8,
    base: 0.4,
    reason: 'context.undefined-labels',
    findings: ['context.undefined-label-class'],
  },
  'no-license': {
    weight: 2.0,
    base: 0.3,
    reason: 'provenance.license',
    findings: ['provenance.license-missing'],
  },
  'wrong-license': {
    weight: 2.0,
    base: 0.2,
    reason: 'provenance.license',
    findings: [
      'provenance.license-not-accepted',
      'provenance.license-not-commercial',
      'provenance.license-unknown',
    ],
  },
  'no-attestation': {
    weight: 0.6,
    base: 0.35,
    reason: 'provenance.attestation',
    findings: ['provenance.attestation-missing'],
  },
  // Invisible to the scorer: labels that are valid classes but wrong. Only a reviewer reading rows notices.
  'noisy-labels': { weight: 1.2, base: 0.35, reason: 'structure.label-quality', findings: [] },
  copied: { weight: 5.0, base: 0, reason: 'provenance.copied', findings: ['provenance.copied-data'] },
} as const satisfies Record<string, { weight: number; base: number; reason: ReasonCode; findings: string[] }>;
export type Defect = keyof typeof DEFECTS;

/** What a data request asks for, as the simulator's contributors read it. */
export interface RequestSpec {
  labels: string[];
  minRows: number;
  acceptedLicenses: string[];
}

/** A generated submission: file, manifest, and the defects really in them. */
export interface GeneratedDataset {
  csv: string;
  manifest: Manifest;
  defects: Set<Defect>;
  /** Rows in the file (data rows, header excluded). */
  rows: number;
}

/** Draws the defects a contributor of this skill puts into a first draft: p(d) = base(d) · (1 − skill)^1.5 · 2. */
export function drawDefects(random: Random, skill: number): Set<Defect> {
  const defects = new Set<Defect>();
  const clumsiness = 2 * (1 - skill) ** 1.5;
  for (const [defect, spec] of Object.entries(DEFECTS) as [Defect, (typeof DEFECTS)[Defect]][]) {
    if (random.chance(Math.min(0.95, spec.base * clumsiness))) defects.add(defect);
  }
  if (defects.has('no-license')) defects.delete('wrong-license');
  return defects;
}

const SUBJECTS = [
  'my order',
  'the invoice',
  'the app',
  'my account',
  'the delivery',
  'the update',
  'the login page',
  'support',
];
const VERBS = [
  'is broken since',
  'was great on',
  'keeps failing after',
  'arrived late on',
  'changed on',
  'looks fine since',
];

/**
 * Writes a CSV file and a manifest for a request with exactly the given defects. Deterministic for the random
 * source's state. `uniqueness` salts the text so two contributors never write the same rows by accident.
 */
export function generateDataset(
  random: Random,
  request: RequestSpec,
  defects: Set<Defect>,
  uniqueness: string,
): GeneratedDataset {
  const labelColumn = defects.has('schema-mismatch') ? 'category' : 'label';
  const rows = defects.has('too-few-rows')
    ? Math.max(3, Math.floor(request.minRows / 2))
    : request.minRows + random.int(0, request.minRows);
  const lines = [`text,${labelColumn},created`];
  const body: string[] = [];
  for (let i = 0; i < rows; i++) {
    const text = `${random.pick(SUBJECTS)} ${random.pick(VERBS)} day ${i + 1} (${uniqueness}-${i})`;
    let label = request.labels[i % request.labels.length] ?? 'x';
    if (defects.has('wrong-labels') && i % 7 === 3) label = 'unsure';
    const day = `2025-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`;
    body.push(defects.has('ragged-rows') && i % 9 === 4 ? `"${text}",${label}` : `"${text}",${label},${day}`);
  }
  if (defects.has('duplicates')) {
    for (let i = 0; i < Math.ceil(rows / 5); i++) body.push(body[i % body.length] ?? '');
  }
  lines.push(...body);

  const missingContext = defects.has('missing-datasheet');
  const manifest: Manifest = {
    title: `Labeled messages ${uniqueness}`,
    description: missingContext
      ? null
      : `Short customer messages, one per row, each labeled by a trained annotator (${uniqueness}).`,
    task: 'classification',
    columns: [
      { name: 'text', type: 'string', description: 'The message as written by the customer', unit: null },
      { name: labelColumn, type: 'category', description: 'The class an annotator chose', unit: null },
      { name: 'created', type: 'date', description: 'Day the message was received', unit: null },
    ],
    label: {
      column: labelColumn,
      classes: request.labels.map((name) => ({
        name,
        definition: defects.has('undefined-labels') ? null : `Messages an annotator judged to be ${name}`,
      })),
    },
    context: missingContext
      ? {}
      : {
          collectionMethod: 'Exported from our helpdesk and labeled by two annotators',
          timeframe: { start: '2025-01-01', end: '2025-09-30' },
          population: 'Customers of a small online shop',
          geography: 'EU',
          intendedUse: 'Training a message triage classifier',
          limitations: 'English only; one shop',
          annotationProtocol: 'Two annotators per message, disagreements resolved by a third',
          language: 'en',
        },
    provenance: {
      sourceType: 'self-collected',
      sourceUrl: null,
      license: defects.has('no-license')
        ? null
        : defects.has('wrong-license')
          ? 'CC-BY-NC-4.0'
          : (request.acceptedLicenses[0] ?? 'CC-BY-4.0'),
      consentBasis: 'contract',
      containsPersonalData: false,
      attestation: defects.has('no-attestation')
        ? null
        : {
            signedBy: 'Simulated Contributor',
            signedAt: '2025-10-01T10:00:00Z',
            statement: 'I have the right to contribute this data under this licence.',
          },
    },
  } as Manifest;
  return { csv: `${lines.join('\n')}\n`, manifest, defects, rows };
}

/**
 * A contributor reads the pre-score: each defect that a finding points at is fixed with probability
 * skill · (0.5 + 0.5 · patience). Defects no finding shows (noisy labels) and dishonesty stay.
 */
export function fixDefects(
  random: Random,
  defects: Set<Defect>,
  findingCodes: ReadonlySet<string>,
  skill: number,
  patience: number,
): Set<Defect> {
  const fixed = new Set(defects);
  for (const defect of defects) {
    if (defect === 'copied') continue;
    const visible = DEFECTS[defect].findings.some((code: string) => findingCodes.has(code));
    if (visible && random.chance(skill * (0.5 + 0.5 * patience))) fixed.delete(defect);
  }
  return fixed;
}

/** Σ weight of the defects really present: the ground truth's badness. */
export function severityOf(defects: ReadonlySet<Defect>): number {
  let total = 0;
  for (const defect of defects) total += DEFECTS[defect].weight;
  return total;
}

/** Whether the data is, in truth, fit for an enterprise: no defect worse than a minor one. */
export function isTrulyAcceptable(defects: ReadonlySet<Defect>): boolean {
  return !defects.has('copied') && severityOf(defects) < 1.3;
}
