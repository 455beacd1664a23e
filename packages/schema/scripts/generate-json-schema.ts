import { writeFileSync } from 'node:fs';
import { manifestJsonSchemaText } from '../src/json-schema.ts';

const target = new URL('../assay.schema.json', import.meta.url);
writeFileSync(target, manifestJsonSchemaText());
console.log(`wrote ${target.pathname}`);
