import type { ColumnType, Manifest } from '@assay/schema';

/** Croissant 1.0 data types for the manifest's column types. */
const DATA_TYPES: Record<ColumnType, string> = {
  string: 'sc:Text',
  category: 'sc:Text',
  integer: 'sc:Integer',
  number: 'sc:Float',
  boolean: 'sc:Boolean',
  date: 'sc:Date',
  datetime: 'sc:DateTime',
};

const ENCODING: Record<string, string> = {
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  jsonl: 'application/jsonl',
};

/** The JSON-LD context of Croissant 1.0 with its responsible-AI vocabulary. */
export const CROISSANT_CONTEXT = {
  '@language': 'en',
  '@vocab': 'https://schema.org/',
  sc: 'https://schema.org/',
  cr: 'http://mlcommons.org/croissant/',
  rai: 'http://mlcommons.org/croissant/RAI/',
  dct: 'http://purl.org/dc/terms/',
  citeAs: 'cr:citeAs',
  column: 'cr:column',
  conformsTo: 'dct:conformsTo',
  data: { '@id': 'cr:data', '@type': '@json' },
  dataType: { '@id': 'cr:dataType', '@type': '@vocab' },
  examples: { '@id': 'cr:examples', '@type': '@json' },
  extract: 'cr:extract',
  field: 'cr:field',
  fileObject: 'cr:fileObject',
  fileProperty: 'cr:fileProperty',
  format: 'cr:format',
  isLiveDataset: 'cr:isLiveDataset',
  jsonPath: 'cr:jsonPath',
  key: 'cr:key',
  md5: 'cr:md5',
  recordSet: 'cr:recordSet',
  references: 'cr:references',
  source: 'cr:source',
  subField: 'cr:subField',
};

/**
 * How a CSV departs from commas, as its report of record found it: separated by semicolons (as Excel writes
 * CSV where the comma is the decimal separator, so its numbers may have decimal commas), and whether it
 * starts with Excel's `sep=;` line. Croissant 1.0 has no property for a separator, so the file says it in
 * words: a loader reading commas would see one column.
 */
export interface CsvLayout {
  isSemicolonSeparated: boolean;
  hasSeparatorLine: boolean;
}

/** The FileObject's description of a CSV that does not use commas, or null. */
function layoutDescription(layout: CsvLayout | undefined): string | null {
  if (!layout?.isSemicolonSeparated && !layout?.hasSeparatorLine) return null;
  const parts = layout.isSemicolonSeparated
    ? [
        "Values are separated by semicolons (;), and numbers may have a decimal comma (3,5), as Excel writes CSV where the comma is the decimal separator: read it with sep=';' and decimal=','",
      ]
    : [];
  if (layout.hasSeparatorLine)
    parts.push('Its first line is Excel\'s "sep=" line, not the header: skip it (skiprows=1)');
  return `${parts.join('. ')}.`;
}

export interface CroissantInput {
  versionId: string;
  /** The submission's version number: the dataset's version (2 for a contributor's second version). */
  versionNumber: number;
  manifest: Manifest;
  file: { sha256: string; size: number; name: string; format: string; layout?: CsvLayout };
  /** The contributor as reviewers know them. */
  creatorPseudonym: string;
  publishedAt: Date;
  /** Absolute URL of the data file download. */
  contentUrl: string;
}

/**
 * Croissant JSON-LD metadata for an accepted version: the dataset's name, description and SPDX licence,
 * the contributor by pseudonym, the file as a FileObject with its SHA-256 and size, one Field per column
 * (the label column typed `cr:Label`, its classes as an enumeration record set; a regression's target is
 * typed `cr:Label` too, without classes: its values are numbers, not members of a set), and the datasheet as
 * Croissant's responsible-AI fields.
 */
export function buildCroissant(input: CroissantInput): Record<string, unknown> {
  const { manifest, file } = input;
  const context = manifest.context ?? {};
  const provenance = manifest.provenance ?? {};
  const fileId = 'data-file';
  const recordSetId = 'records';
  const labelColumn = manifest.label?.column;
  const hasClasses =
    manifest.label !== null && manifest.label !== undefined && manifest.task !== 'regression';
  const layout = layoutDescription(file.layout);
  const extract = (column: string) => (file.format === 'jsonl' ? { jsonPath: `$.${column}` } : { column });

  const fields = manifest.columns.map((column) => ({
    '@type': 'cr:Field',
    '@id': `${recordSetId}/${column.name}`,
    name: column.name,
    description: column.description ?? '',
    dataType: column.name === labelColumn ? [DATA_TYPES[column.type], 'cr:Label'] : DATA_TYPES[column.type],
    source: { fileObject: { '@id': fileId }, extract: extract(column.name) },
    ...(column.name === labelColumn && hasClasses
      ? { references: { field: { '@id': 'label-classes/name' } } }
      : {}),
  }));

  const recordSets: Record<string, unknown>[] = [
    { '@type': 'cr:RecordSet', '@id': recordSetId, name: recordSetId, field: fields },
  ];
  if (manifest.label && hasClasses) {
    recordSets.push({
      '@type': 'cr:RecordSet',
      '@id': 'label-classes',
      name: 'label-classes',
      description: `The classes of the label column "${manifest.label.column}"`,
      dataType: 'sc:Enumeration',
      key: { '@id': 'label-classes/name' },
      field: [
        { '@type': 'cr:Field', '@id': 'label-classes/name', name: 'name', dataType: 'sc:Text' },
        { '@type': 'cr:Field', '@id': 'label-classes/definition', name: 'definition', dataType: 'sc:Text' },
      ],
      data: manifest.label.classes.map((c) => ({
        'label-classes/name': c.name,
        'label-classes/definition': c.definition ?? '',
      })),
    });
  }

  const timeframe = context.timeframe;
  return {
    '@context': CROISSANT_CONTEXT,
    '@type': 'sc:Dataset',
    conformsTo: 'http://mlcommons.org/croissant/1.0',
    '@id': `assay:version:${input.versionId}`,
    name: manifest.title,
    description: manifest.description ?? manifest.title,
    license: provenance.license ? `https://spdx.org/licenses/${provenance.license}.html` : undefined,
    url: input.contentUrl,
    creator: { '@type': 'sc:Person', name: input.creatorPseudonym },
    datePublished: input.publishedAt.toISOString().slice(0, 10),
    // Croissant asks for MAJOR.MINOR.PATCH. This was the scorer's version once, which says nothing of the data.
    version: `${input.versionNumber}.0.0`,
    inLanguage: context.language ?? undefined,
    ...(timeframe?.start || timeframe?.end
      ? { temporalCoverage: `${timeframe.start ?? '..'}/${timeframe.end ?? '..'}` }
      : {}),
    ...(context.geography ? { spatialCoverage: context.geography } : {}),
    'rai:dataCollection': context.collectionMethod ?? undefined,
    'rai:dataCollectionType': provenance.sourceType ?? undefined,
    'rai:dataUseCases': context.intendedUse ?? undefined,
    'rai:dataLimitations': context.limitations ?? undefined,
    'rai:dataAnnotationProtocol': context.annotationProtocol ?? undefined,
    'rai:personalSensitiveInformation':
      provenance.containsPersonalData === undefined || provenance.containsPersonalData === null
        ? undefined
        : provenance.containsPersonalData
          ? `Contains personal data; consent basis: ${provenance.consentBasis ?? 'not declared'}`
          : // The basis declared travels without personal data too: a buyer reads what was declared.
            `Declared by the contributor to contain no personal data${provenance.consentBasis ? `; consent basis: ${provenance.consentBasis}` : ''}`,
    'rai:dataSocialImpact': context.population ? `Population: ${context.population}` : undefined,
    distribution: [
      {
        '@type': 'cr:FileObject',
        '@id': fileId,
        name: file.name,
        contentUrl: input.contentUrl,
        encodingFormat: ENCODING[file.format] ?? 'application/octet-stream',
        ...(layout === null ? {} : { description: layout }),
        sha256: file.sha256,
        contentSize: `${file.size} B`,
      },
    ],
    recordSet: recordSets,
  };
}
