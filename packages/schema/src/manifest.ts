import { z } from 'zod';

/** What the dataset is for. Classification tasks must name a label column and its classes. */
export const TaskSchema = z.enum(['classification', 'multilabel-classification', 'regression', 'other']);
export type Task = z.infer<typeof TaskSchema>;

/** Whether rows carry one or more of the declared classes as their label. */
export function isClassificationTask(task: Task | null | undefined): boolean {
  return task === 'classification' || task === 'multilabel-classification';
}

/** Whether every row carries a label or, in a regression, a target: the tasks whose label column matters. */
export function isLabeledTask(task: Task | null | undefined): boolean {
  return isClassificationTask(task) || task === 'regression';
}

/** The declared type of one column; the scorer checks the file's values against it. */
export const ColumnTypeSchema = z.enum([
  'string',
  'category',
  'integer',
  'number',
  'boolean',
  'date',
  'datetime',
]);
export type ColumnType = z.infer<typeof ColumnTypeSchema>;

/** Where the data came from (Croissant: `prov:wasDerivedFrom` / `rai:dataCollectionType`). */
export const SourceTypeSchema = z.enum(['self-collected', 'scraped', 'purchased', 'generated', 'derived']);
export type SourceType = z.infer<typeof SourceTypeSchema>;

/** The legal basis on which people in the data agreed to (or do not need to agree to) its use. */
export const ConsentBasisSchema = z.enum([
  'consent',
  'contract',
  'legitimate-interest',
  'public-data',
  'not-applicable',
]);
export type ConsentBasis = z.infer<typeof ConsentBasisSchema>;

/** One column of the data file. Only `name` and `type` are required; the rest is scored as context. */
export const ColumnSchema = z.object({
  name: z.string().min(1, 'A column needs a name'),
  type: ColumnTypeSchema,
  description: z.string().nullish(),
  unit: z.string().nullish(),
});
export type Column = z.infer<typeof ColumnSchema>;

/** One label class (Croissant `cr:Label`). A missing definition is a context finding, not an error. */
export const LabelClassSchema = z.object({
  name: z.string().min(1, 'A class needs a name'),
  definition: z.string().nullish(),
});
export type LabelClass = z.infer<typeof LabelClassSchema>;

/** The label column and the set of classes it may take. */
export const LabelSchema = z.object({
  column: z.string().min(1, 'Name the label column'),
  classes: z.array(LabelClassSchema),
});
export type Label = z.infer<typeof LabelSchema>;

/** An ISO date (`YYYY-MM-DD`) or date-time; kept as a string so a draft's odd value is scored, not lost. */
const DateStringSchema = z.string();

/**
 * The datasheet: the questions of "Datasheets for Datasets" and Croissant's responsible-AI fields
 * (`rai:dataCollection`, `rai:dataUseCases`, `rai:dataLimitations`, `rai:dataAnnotationProtocol`).
 * Every field is optional in a draft; missing ones are context findings.
 */
export const ContextSchema = z.object({
  collectionMethod: z.string().nullish(),
  timeframe: z.object({ start: DateStringSchema.nullish(), end: DateStringSchema.nullish() }).nullish(),
  population: z.string().nullish(),
  geography: z.string().nullish(),
  intendedUse: z.string().nullish(),
  limitations: z.string().nullish(),
  annotationProtocol: z.string().nullish(),
  language: z.string().nullish(),
});
export type Context = z.infer<typeof ContextSchema>;

/** The contributor's signed statement that they may contribute the data under the licence. */
export const AttestationSchema = z.object({
  signedBy: z.string().nullish(),
  signedAt: z.string().nullish(),
  statement: z.string().nullish(),
});
export type Attestation = z.infer<typeof AttestationSchema>;

/**
 * Could an enterprise answer for this data. `license` is an SPDX identifier; an unknown one is a
 * provenance finding, not a malformed manifest.
 */
export const ProvenanceSchema = z.object({
  sourceType: SourceTypeSchema.nullish(),
  sourceUrl: z.string().nullish(),
  license: z.string().nullish(),
  consentBasis: ConsentBasisSchema.nullish(),
  containsPersonalData: z.boolean().nullish(),
  attestation: AttestationSchema.nullish(),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

/**
 * The manifest (`assay.json`): what a contributor declares about a data file. Field names are a public
 * contract (add fields, never rename). Only the shape is required: `title`, `task`, `columns` (name and
 * type), and for classification tasks `label.column` and the class names. Missing documentation is scored
 * low, with findings; only a malformed manifest is rejected.
 */
export const ManifestSchema = z
  .object({
    title: z.string().min(1, 'Give the dataset a title'),
    description: z.string().nullish(),
    task: TaskSchema,
    columns: z.array(ColumnSchema).min(1, 'Declare at least one column'),
    label: LabelSchema.nullish(),
    context: ContextSchema.nullish(),
    provenance: ProvenanceSchema.nullish(),
  })
  .superRefine((manifest, ctx) => {
    if (isClassificationTask(manifest.task) && !manifest.label) {
      ctx.addIssue({
        code: 'custom',
        path: ['label'],
        message: 'A classification dataset needs a label column and its classes',
      });
    }
    const seen = new Set<string>();
    manifest.columns.forEach((column, index) => {
      if (seen.has(column.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', index, 'name'],
          message: `Column "${column.name}" is declared twice`,
        });
      }
      seen.add(column.name);
    });
  });
export type Manifest = z.infer<typeof ManifestSchema>;

/** The longest title a draft may be given: a title names the dataset in lists, on one or two lines. */
export const MAX_TITLE_LENGTH = 200;

/**
 * A draft's manifest while it is being written: any subset of the fields, each of the right type when
 * present. Autosave accepts this; submitting requires a full {@link ManifestSchema}.
 */
export const DraftManifestSchema = z.object({
  // Limited where drafts are written, not in ManifestSchema, which also reads manifests stored before the limit.
  title: z
    .string()
    .max(MAX_TITLE_LENGTH, `Keep the title to at most ${MAX_TITLE_LENGTH} characters`)
    .nullish(),
  description: z.string().nullish(),
  task: TaskSchema.nullish(),
  columns: z.array(ColumnSchema.partial()).nullish(),
  label: LabelSchema.partial().nullish(),
  context: ContextSchema.nullish(),
  provenance: ProvenanceSchema.nullish(),
});
export type DraftManifest = z.infer<typeof DraftManifestSchema>;
