import { type DraftManifest, DraftManifestSchema } from '@assay/schema';
import { isCroissant, manifestFromCroissant } from '@assay/schema/croissant';

/** A manifest read from a file the contributor chose, with what they should check; or why it could not be. */
export type ManifestFile =
  | { kind: 'croissant' | 'assay'; manifest: DraftManifest; notes: string[] }
  | { kind: 'error'; message: string };

/**
 * Reads an `assay.json` or a Croissant JSON-LD file. `resolveLicense` turns a licence text into its SPDX
 * id (or null); a Croissant file names licences by URL or in any case.
 */
export function readManifestFile(
  text: string,
  resolveLicense: (text: string) => string | null,
): ManifestFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { kind: 'error', message: `The file is not JSON: ${(error as Error).message}` };
  }
  if (isCroissant(json)) return { kind: 'croissant', ...manifestFromCroissant(json, resolveLicense) };
  const parsed = DraftManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    return {
      kind: 'error',
      message: `The file is neither a Croissant dataset nor an assay.json manifest (${issues.slice(0, 5).join('; ')}${issues.length > 5 ? `; and ${issues.length - 5} more` : ''})`,
    };
  }
  return { kind: 'assay', manifest: parsed.data, notes: [] };
}

/** Only the keys with a value: an imported `null` or absent field leaves what the contributor has. */
function defined<T extends object>(value: T | null | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined),
  ) as Partial<T>;
}

/**
 * The draft with an imported manifest laid over it: every field the import has replaces the draft's, the
 * rest stays. Columns are matched by name to the data file's (already in the draft): a matching column
 * takes the import's type and description; one the file does not have is left out and named in `notes`.
 * Label classes likewise: the import's set with its definitions, or the draft's when it declares none.
 */
export function mergeImported(
  current: DraftManifest,
  imported: DraftManifest,
): { manifest: DraftManifest; notes: string[] } {
  const notes: string[] = [];
  const next: DraftManifest = {
    ...current,
    ...defined({ ...imported, columns: null, label: null, context: null, provenance: null }),
  };
  if (imported.label) {
    // The import's classes are the declared set; the draft's (read from the file) stay when it has none,
    // and a class the import does not define keeps the draft's definition.
    const column = imported.label.column ?? current.label?.column;
    const drafted = current.label?.column === column ? (current.label?.classes ?? []) : [];
    const declared = imported.label.classes ?? [];
    next.label = {
      ...(column === undefined ? {} : { column }),
      classes:
        declared.length === 0
          ? drafted
          : declared.map((c) => ({ ...drafted.find((d) => d.name === c.name), ...defined(c) }) as typeof c),
    };
  }
  if (imported.context) next.context = { ...current.context, ...defined(imported.context) };
  if (imported.provenance) next.provenance = { ...current.provenance, ...defined(imported.provenance) };
  const importedColumns = imported.columns ?? [];
  const columns = current.columns ?? [];
  if (columns.length === 0) {
    if (importedColumns.length > 0) next.columns = importedColumns;
  } else if (importedColumns.length > 0) {
    const byName = new Map(importedColumns.map((column) => [column.name, column]));
    next.columns = columns.map((column) => ({ ...column, ...defined(byName.get(column.name ?? '')) }));
    const inFile = new Set(columns.map((column) => column.name));
    const missing = importedColumns.filter((column) => !inFile.has(column.name)).map((column) => column.name);
    if (missing.length > 0) {
      notes.push(`Not in your data file, so left out: ${missing.map((name) => `"${name}"`).join(', ')}`);
    }
  }
  return { manifest: next, notes };
}
