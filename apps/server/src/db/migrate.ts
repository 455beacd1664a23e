import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as initial from './migrations/0001-initial.ts';
import * as analyticsRollups from './migrations/0003-analytics-rollups.ts';
import * as analyticsFacts from './migrations/0004-analytics-facts.ts';
import * as analyticsRankValidation from './migrations/0005-analytics-rank-validation.ts';
import * as analyticsCells from './migrations/0006-analytics-cells.ts';
import * as settings from './migrations/0007-settings.ts';
import * as scoringFailure from './migrations/0008-scoring-failure.ts';
import * as sampleRows from './migrations/0009-sample-rows.ts';
import * as notifications from './migrations/0010-notifications.ts';
import * as accountSuspension from './migrations/0011-account-suspension.ts';
import * as organisationNameKey from './migrations/0012-organisation-name-key.ts';
import * as storedFileLastUsed from './migrations/0013-stored-file-last-used.ts';
import * as memberNotificationsStart from './migrations/0014-member-notifications-start.ts';

/** Every migration, in order. Imported statically so a bundle or a worker sees the same list. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0003-analytics-rollups': analyticsRollups,
  '0004-analytics-facts': analyticsFacts,
  '0005-analytics-rank-validation': analyticsRankValidation,
  '0006-analytics-cells': analyticsCells,
  '0007-settings': settings,
  '0008-scoring-failure': scoringFailure,
  '0009-sample-rows': sampleRows,
  '0010-notifications': notifications,
  '0011-account-suspension': accountSuspension,
  '0012-organisation-name-key': organisationNameKey,
  '0013-stored-file-last-used': storedFileLastUsed,
  '0014-member-notifications-start': memberNotificationsStart,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Thrown when the database was migrated by a newer Assay than this one. */
export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
}

/**
 * Brings the schema up to date; a no-op when it already is. Refuses a database that holds migrations
 * this code does not know, since running old code on a newer schema can corrupt it.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<{ applied: string[] }> {
  const migrator = new Migrator({ db, provider });
  const known = new Set(Object.keys(MIGRATIONS));
  const executed = await listExecutedMigrationNames(db);
  const newer = executed.filter((name) => !known.has(name));
  if (newer.length > 0) {
    throw new SchemaTooNewError(
      `The database schema is newer than this version of Assay (it has migration ${newer.join(', ')}, which this code does not know). Upgrade Assay or point it at another database.`,
    );
  }
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  return { applied };
}

/** Names recorded in Kysely's migration table, or none on a fresh database. */
async function listExecutedMigrationNames(db: Kysely<any>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === 'kysely_migration')) return [];
  const rows = await db.selectFrom('kysely_migration').select('name').execute();
  return rows.map((row) => String(row.name));
}
