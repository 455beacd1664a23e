import { FINGERPRINT_MAJOR_VERSION } from '@assay/quality';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** How many fingerprints of other contributors' accepted data are compared against; bounded for memory. */
const MAX_ACCEPTED_FINGERPRINTS = 2_000_000;

/**
 * The fingerprints a contributor's file is compared with: those of accepted data of everyone else.
 * Fingerprints are row hashes, which change only with the scorer's major version: another major
 * version's hashes never match this one's, an earlier minor or patch version's do.
 */
function othersAccepted(db: Db, contributorId: string) {
  return db
    .selectFrom('fingerprint as f')
    .innerJoin('submission_version as v', 'v.id', 'f.version_id')
    .select('f.fingerprint')
    .where('f.contributor_id', '!=', contributorId)
    .where('v.scorer_version', 'like', `${FINGERPRINT_MAJOR_VERSION}.%`);
}

/** What the score of record compares a contributor's file with (`acceptedFingerprints`). */
export async function othersAcceptedFingerprints(db: Db, contributorId: string): Promise<string[]> {
  const rows = await othersAccepted(db, contributorId).limit(MAX_ACCEPTED_FINGERPRINTS).execute();
  return rows.map((row) => row.fingerprint);
}

/**
 * Whether the score of record will compare a contributor's file with others' accepted data: what a
 * browser's pre-score, which cannot see that data, passes as `isOverlapCheckedLater` to agree with it.
 */
export async function comparesWithAcceptedData(db: Db, contributorId: string): Promise<boolean> {
  return (await othersAccepted(db, contributorId).limit(1).executeTakeFirst()) !== undefined;
}
