import { z } from 'zod';
import { ManifestSchema } from './manifest.ts';

/**
 * The manifest's JSON Schema, generated from {@link ManifestSchema} so the two never drift. Written to
 * `assay.schema.json` by `npm run generate -w @assay/schema`; a test fails when the committed file is stale.
 */
export function manifestJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ManifestSchema, { target: 'draft-2020-12', io: 'input' });
  return {
    ...schema,
    $id: 'https://assay.dev/schema/assay.schema.json',
    title: 'Assay manifest (assay.json)',
    description:
      'What a contributor declares about a labeled data file: columns, label schema, datasheet (context) and provenance.',
  };
}

/** The committed file's exact text: stable key order, two-space indent, trailing newline. */
export function manifestJsonSchemaText(): string {
  return `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`;
}
