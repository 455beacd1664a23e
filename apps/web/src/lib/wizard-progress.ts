import { type DraftManifest, isClassificationTask, ManifestSchema } from '@assay/schema';
import { getIn, splitPath } from './paths.ts';

/** Which step of the wizard (an index of STEPS) shows the input for a manifest path. */
export function stepOfField(path: string): number {
  const [head, , last] = splitPath(path);
  if (head === 'task' || path === 'label.column' || path === 'label') return 2;
  if (head === 'columns' && (last === 'type' || last === 'name')) return 2;
  return 3;
}

const isBlank = (value: unknown) =>
  value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/**
 * The Datasheet's questions a draft has left unanswered, as manifest paths in the form's order. Every
 * question the form asks counts but the two it says may have no answer: a column's unit ("if any") and the
 * source URL ("if it has one"). The label's questions count where the form shows them: how labels were
 * assigned for a labeled dataset, each class's definition for a classification (a regression's target has
 * no classes).
 */
export function unansweredDatasheetFields(manifest: DraftManifest): string[] {
  const hasLabel = isClassificationTask(manifest.task) || Boolean(manifest.label?.column);
  const paths = [
    'title',
    'description',
    ...(manifest.columns ?? []).map((_, index) => `columns.${index}.description`),
    ...(manifest.label?.column && manifest.task !== 'regression'
      ? (manifest.label.classes ?? []).map((_, index) => `label.classes.${index}.definition`)
      : []),
    'context.collectionMethod',
    'context.timeframe.start',
    'context.timeframe.end',
    'context.population',
    'context.geography',
    'context.language',
    'context.intendedUse',
    'context.limitations',
    ...(hasLabel ? ['context.annotationProtocol'] : []),
    'provenance.sourceType',
    'provenance.license',
    'provenance.consentBasis',
    'provenance.containsPersonalData',
  ].filter((path) => isBlank(getIn(manifest, path)));
  // Signed as the form's checkbox shows it: by someone, at some time.
  const attestation = manifest.provenance?.attestation;
  if (isBlank(attestation?.signedBy) || isBlank(attestation?.signedAt)) paths.push('provenance.attestation');
  return paths;
}

/**
 * The step a draft opens on when this device has not kept where the contributor was (another device, or a
 * cleared browser): the first with something left to do, from what the server has: the File without a file;
 * the Preview while the manifest's shape lacks what it sets (the task, a classification's label column); the
 * Datasheet while one of its questions is unanswered ({@link unansweredDatasheetFields}) or a field of its
 * own is malformed; else the last step, Submit. The Pre-score asks nothing: it reads the file and the manifest,
 * and its findings point back at the steps before it.
 */
export function openingStepOf(draft: { hasFile: boolean; manifest: DraftManifest }): number {
  if (!draft.hasFile) return 1;
  const shape = ManifestSchema.safeParse(draft.manifest);
  const shapeSteps = shape.success
    ? []
    : // The columns are the file's, declared on the Preview (the Datasheet only describes them).
      shape.error.issues.map((issue) =>
        issue.path[0] === 'columns' ? 2 : stepOfField(issue.path.map(String).join('.')),
      );
  if (shapeSteps.includes(2)) return 2;
  if (shapeSteps.length > 0 || unansweredDatasheetFields(draft.manifest).length > 0) return 3;
  return 5;
}

/**
 * The router state of the link to a draft just made as a copy of another (a new version, an offer of a
 * submission's data to a request): it opens on its Preview, as a new draft with a file did, although its
 * steps are filled in. What is left there (the feedback to answer, the new request's requirements to meet)
 * is for the contributor to judge, not for the steps' answers to tell.
 */
export const COPIED_DRAFT_STATE = { isCopiedDraft: true } as const;

/** Whether a location's state is {@link COPIED_DRAFT_STATE}. */
export function isCopiedDraft(state: unknown): boolean {
  return (
    typeof state === 'object' && state !== null && 'isCopiedDraft' in state && state.isCopiedDraft === true
  );
}
