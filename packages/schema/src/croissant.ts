import {
  type ColumnType,
  ConsentBasisSchema,
  type DraftManifest,
  type LabelClass,
  SourceTypeSchema,
} from './manifest.ts';

// Imported as `@assay/schema/croissant`, not from the package's index: only the web app's datasheet import
// (loaded on first use) and the export's tests need it, so it stays out of the first page's bundle.

/** A manifest read from a Croissant file, and what of the file could not be used, said plainly. */
export interface CroissantImport {
  manifest: DraftManifest;
  notes: string[];
}

/** Croissant (schema.org) data types → column types. `sc:Text` of the label column becomes `category`. */
const COLUMN_TYPES: Record<string, ColumnType> = {
  Text: 'string',
  URL: 'string',
  Integer: 'integer',
  Float: 'number',
  Number: 'number',
  Boolean: 'boolean',
  Date: 'date',
  DateTime: 'datetime',
};

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A property under its compact name or its full responsible-AI / Croissant IRI. */
function property(node: Json, name: string): unknown {
  if (name in node) return node[name];
  const [prefix, local] = name.split(':');
  const iri = prefix === 'rai' ? 'http://mlcommons.org/croissant/RAI/' : 'http://mlcommons.org/croissant/';
  return local === undefined ? undefined : node[`${iri}${local}`];
}

/** A text value: a string, the first of a list, or an object's `name` / `@value` / `@id`. */
function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (Array.isArray(value)) return value.length > 0 ? textOf(value[0]) : null;
  if (isObject(value)) return textOf(value.name ?? value['@value'] ?? value['@id']);
  return null;
}

const listOf = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

/** The last segment of an IRI or compact name: `sc:Text`, `https://schema.org/Text` → `Text`. */
const localName = (iri: string) => iri.replace(/^.*[/:#]/, '');

/** Whether a JSON value is a Croissant dataset (rather than, say, an `assay.json`). */
export function isCroissant(json: unknown): boolean {
  if (!isObject(json)) return false;
  const conformsTo = textOf(json.conformsTo ?? json['dct:conformsTo']) ?? '';
  const type = listOf(json['@type']).map((t) => (typeof t === 'string' ? localName(t) : ''));
  return conformsTo.includes('mlcommons.org/croissant') || (type.includes('Dataset') && '@context' in json);
}

/**
 * The SPDX identifier a Croissant licence names: an `spdx.org/licenses/<id>` URL, a Creative Commons
 * URL, or the text itself, looked up by `resolveLicense` (e.g. case-insensitively in the SPDX list).
 */
function licenseOf(value: unknown, resolveLicense: (text: string) => string | null): string | null {
  const text = textOf(value);
  if (text === null) return null;
  const spdx = /spdx\.org\/licenses\/([A-Za-z0-9.+-]+?)(?:\.html|\.json)?\/?$/.exec(text);
  if (spdx) return resolveLicense(spdx[1]!) ?? spdx[1]!;
  if (/creativecommons\.org\/publicdomain\/zero\/1\.0/.test(text)) return 'CC0-1.0';
  const cc = /creativecommons\.org\/licenses\/([a-z-]+)\/(\d\.\d)/.exec(text);
  if (cc) return resolveLicense(`CC-${cc[1]!.toUpperCase()}-${cc[2]}`);
  return resolveLicense(text);
}

/** `YYYY-MM-DD/YYYY-MM-DD` (either end may be `..`), or a single date. */
function timeframeOf(value: unknown): { start: string | null; end: string | null } | null {
  const text = textOf(value);
  if (text === null) return null;
  const [start = '', end = start] = text.split('/');
  const date = (part: string) => (/^\d{4}-\d{2}-\d{2}/.test(part) ? part.slice(0, 10) : null);
  if (date(start) === null && date(end) === null) return null;
  return { start: date(start), end: date(end) };
}

interface FieldInfo {
  name: string;
  description: string | null;
  types: string[];
  references: string | null;
}

function fieldsOf(recordSet: Json): FieldInfo[] {
  return listOf(property(recordSet, 'field'))
    .filter(isObject)
    .map((field) => {
      const id = textOf(field['@id']);
      const referenced = property(field, 'references');
      return {
        name: textOf(field.name) ?? (id === null ? '' : localName(id)),
        description: textOf(field.description),
        types: listOf(property(field, 'dataType')).flatMap((t) =>
          typeof t === 'string' ? [localName(t)] : [],
        ),
        references: isObject(referenced)
          ? textOf(isObject(referenced.field) ? referenced.field['@id'] : null)
          : null,
      };
    });
}

const isEnumeration = (recordSet: Json) =>
  listOf(property(recordSet, 'dataType')).some(
    (t) => typeof t === 'string' && localName(t) === 'Enumeration',
  );

/** The classes of a label field: the rows of the enumeration record set it references, or of the only one. */
function classesOf(recordSets: Json[], label: FieldInfo): LabelClass[] {
  const enumerations = recordSets.filter(isEnumeration);
  const referenced = label.references;
  const set =
    (referenced === null ? undefined : enumerations.find((rs) => fieldIds(rs).includes(referenced))) ??
    (enumerations.length === 1 ? enumerations[0] : undefined);
  if (set === undefined) return [];
  const ids = fieldIds(set);
  const names = fieldsOf(set).map((f) => f.name);
  const key = property(set, 'key');
  const keyId =
    referenced !== null && ids.includes(referenced)
      ? referenced
      : ((isObject(key) ? textOf(key['@id']) : null) ?? ids[0]);
  const definitionId = ids[names.findIndex((n) => n === 'definition' || n === 'description')];
  return listOf(property(set, 'data'))
    .filter(isObject)
    .flatMap((row) => {
      const name = keyId === undefined ? null : textOf(row[keyId] ?? row[localName(keyId)]);
      if (name === null) return [];
      const definition =
        definitionId === undefined ? null : textOf(row[definitionId] ?? row[localName(definitionId)]);
      return [{ name, definition }];
    });
}

function fieldIds(recordSet: Json): string[] {
  return listOf(property(recordSet, 'field'))
    .filter(isObject)
    .map((field) => textOf(field['@id']) ?? '');
}

/**
 * Reads a Croissant 1.0 dataset (JSON-LD, compact as Croissant files are written) into a draft manifest:
 * name, description and licence; the responsible-AI fields as the datasheet; the first record set that
 * is not an enumeration as the columns, with a `cr:Label` field as the label column and its enumeration's
 * rows as the classes (a numeric one without classes as a regression's target). What has no place in a manifest, or could not be read, is listed in `notes`; the
 * contributor reviews everything in the form before it counts.
 */
export function manifestFromCroissant(
  json: unknown,
  resolveLicense: (text: string) => string | null = (text) => text,
): CroissantImport {
  const notes: string[] = [];
  if (!isObject(json))
    return { manifest: {}, notes: ['The file is not a Croissant dataset (a JSON object)'] };
  const manifest: DraftManifest = {};
  const title = textOf(json.name);
  if (title !== null) manifest.title = title;
  const description = textOf(json.description);
  if (description !== null) manifest.description = description;

  const context: NonNullable<DraftManifest['context']> = {};
  const set = <K extends keyof typeof context>(key: K, value: (typeof context)[K] | null) => {
    if (value !== null && value !== undefined) context[key] = value;
  };
  set('collectionMethod', textOf(property(json, 'rai:dataCollection')));
  set('intendedUse', textOf(property(json, 'rai:dataUseCases')));
  set('limitations', textOf(property(json, 'rai:dataLimitations')));
  set('annotationProtocol', textOf(property(json, 'rai:dataAnnotationProtocol')));
  set('geography', textOf(json.spatialCoverage));
  set('language', textOf(json.inLanguage));
  const timeframe = timeframeOf(json.temporalCoverage);
  if (timeframe !== null) context.timeframe = timeframe;
  else if (json.temporalCoverage !== undefined) {
    notes.push(
      `The time period "${textOf(json.temporalCoverage)}" is not in YYYY-MM-DD form: enter it by hand`,
    );
  }
  // Assay's own export writes the population this way; other files' social-impact text is no population.
  const impact = textOf(property(json, 'rai:dataSocialImpact'));
  if (impact?.startsWith('Population: ')) set('population', impact.slice('Population: '.length));
  if (Object.keys(context).length > 0) manifest.context = context;

  const provenance: NonNullable<DraftManifest['provenance']> = {};
  if (json.license !== undefined) {
    const license = licenseOf(json.license, resolveLicense);
    if (license !== null) provenance.license = license;
    else notes.push(`The licence "${textOf(json.license)}" is not an SPDX licence: pick one in the form`);
  }
  const collectionType = textOf(property(json, 'rai:dataCollectionType'));
  if (collectionType !== null) {
    const sourceType = SourceTypeSchema.safeParse(collectionType.toLowerCase());
    if (sourceType.success) provenance.sourceType = sourceType.data;
    else
      notes.push(
        `The collection type "${collectionType}" is none of Assay's source types: pick one in the form`,
      );
  }
  const sensitive = textOf(property(json, 'rai:personalSensitiveInformation'));
  if (sensitive !== null) {
    // Assay's own export says one of these two; other wording is left for the contributor to answer.
    const isNone = sensitive.startsWith('Declared by the contributor to contain no personal data');
    if (isNone || sensitive.startsWith('Contains personal data')) {
      provenance.containsPersonalData = !isNone;
      const basis = ConsentBasisSchema.safeParse(/consent basis: ([a-z-]+)/.exec(sensitive)?.[1]);
      if (basis.success) provenance.consentBasis = basis.data;
    } else {
      notes.push(
        'Say in the form whether the data contains personal data (the file describes it in its own words)',
      );
    }
  }
  if (Object.keys(provenance).length > 0) manifest.provenance = provenance;

  const recordSets = listOf(property(json, 'recordSet')).filter(isObject);
  const records = recordSets.find((rs) => !isEnumeration(rs) && fieldsOf(rs).length > 0);
  if (records === undefined) {
    notes.push('The file declares no columns (no record set with fields)');
    return { manifest, notes };
  }
  if (recordSets.filter((rs) => !isEnumeration(rs)).length > 1) {
    notes.push(
      `Only the record set "${textOf(records.name) ?? textOf(records['@id'])}" was read as the columns`,
    );
  }
  const fields = fieldsOf(records).filter((field) => field.name !== '');
  const label = fields.find((field) => field.types.includes('Label'));
  manifest.columns = fields.map((field) => {
    const known = field.types.map((t) => COLUMN_TYPES[t]).find((t) => t !== undefined);
    if (known === undefined) {
      notes.push(
        `Column "${field.name}" has a type Assay does not check (${field.types.join(', ') || 'none'}): set to text`,
      );
    }
    const type =
      field === label && (known === undefined || known === 'string') ? 'category' : (known ?? 'string');
    return { name: field.name, type, description: field.description };
  });
  if (label !== undefined) {
    const classes = classesOf(recordSets, label);
    const labelType = manifest.columns.find((column) => column.name === label.name)?.type;
    // A numeric label without classes is a regression's target (as Assay exports one).
    const isTarget = classes.length === 0 && (labelType === 'number' || labelType === 'integer');
    manifest.task = isTarget ? 'regression' : 'classification';
    manifest.label = { column: label.name, classes };
  }
  return { manifest, notes };
}
