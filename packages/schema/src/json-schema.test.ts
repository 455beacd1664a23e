import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manifestJsonSchemaText } from './json-schema.ts';

describe('manifest JSON Schema', () => {
  it('matches the committed assay.schema.json (run `npm run generate -w @assay/schema` when this fails)', () => {
    const committed = readFileSync(new URL('../assay.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(manifestJsonSchemaText());
  });

  it('names the public contract fields of DESIGN.md', () => {
    const schema = JSON.parse(manifestJsonSchemaText());
    expect(schema.required).toEqual(['title', 'task', 'columns']);
    expect(Object.keys(schema.properties)).toEqual([
      'title',
      'description',
      'task',
      'columns',
      'label',
      'context',
      'provenance',
    ]);
  });
});
