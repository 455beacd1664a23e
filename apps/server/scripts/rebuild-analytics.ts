// npm run analytics:rebuild -w @assay/server — empties the analytics rollups and rebuilds them from the event
// log (the database DATABASE_URL / DATA_DIR name, as the server would open it).
import { rebuildAnalytics } from '../src/analytics/refresh-rollups.ts';
import { withAnalyticsTables } from '../src/analytics/tables.ts';
import { openDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { parseEnvOrExit } from '../src/env.ts';

const env = parseEnvOrExit(process.env);
const handle = openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
try {
  await migrateToLatest(handle.db);
  const start = performance.now();
  await rebuildAnalytics(withAnalyticsTables(handle.db), handle.dialect);
  console.log(
    `Rebuilt the analytics rollups of ${handle.description} in ${Math.round(performance.now() - start)} ms`,
  );
} finally {
  await handle.db.destroy();
}
