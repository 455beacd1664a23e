/**
 * Writes `src/spdx-licenses.json` from the `spdx-license-list` package (a devDependency), so the
 * library ships the list without a runtime dependency. Run: `npm run generate:spdx -w @assay/quality`.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const full = require('spdx-license-list/spdx-full.json') as Record<
  string,
  { name: string; osiApproved: boolean }
>;

// SPDX does not record commercial-use terms; these are the licences whose terms forbid it.
const NON_COMMERCIAL = /non-?commercial|\bNC\b/i;

const rows = Object.entries(full)
  .map(([id, license]) => ({
    id,
    name: license.name,
    isOsiApproved: license.osiApproved,
    isCommercialUseAllowed: !(NON_COMMERCIAL.test(license.name) || /-NC(-|$)/.test(id)),
  }))
  .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

writeFileSync(new URL('../src/spdx-licenses.json', import.meta.url), `${JSON.stringify(rows, null, 1)}\n`);
console.log(`wrote ${rows.length} licences`);
