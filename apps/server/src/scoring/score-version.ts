import { Readable } from 'node:stream';
import { scoreDataset } from '@assay/quality';
import { type FileFormat, ManifestSchema, type QualityReport, requirementsOf } from '@assay/schema';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { appendEvents } from '../events/append-event.ts';
import type { FileStore } from '../files/file-store.ts';
import type { Logger } from '../logger.ts';
import { toDataRequest } from '../request/map-request.ts';
import { findRequestById } from '../request/repository.ts';
import { readThreshold } from '../settings/threshold.ts';
import { findContributorRecord } from '../submission/repository.ts';
import { othersAcceptedFingerprints } from './accepted-fingerprints.ts';
import type { ProgressBus } from './progress-bus.ts';
import { pickSampleRows } from './sample-rows.ts';

export interface ScoringDeps {
  db: Kysely<Database>;
  files: FileStore;
  progress: ProgressBus;
  logger: Logger;
  /** ENTERPRISE_GRADE_THRESHOLD: the threshold until an operator sets one (see settings/threshold.ts). */
  defaultThreshold: number;
}

/**
 * Scores one submitted version: the server's report is the score of record. Safe to run more than once
 * for the same version (a retried job, or two workers after a lease expired): only the run whose
 * conditional update still finds the version in `scoring`, as submitted when it read it, stores its
 * report, so each version is scored exactly once. A version for an open data request then enters the reviewers' queue.
 */
export async function scoreVersion(deps: ScoringDeps, versionId: string): Promise<'scored' | 'skipped'> {
  const { db } = deps;
  const claimed = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('submission_version as v')
      .innerJoin('submission as s', 's.id', 'v.submission_id')
      .leftJoin('stored_file as f', 'f.sha256', 'v.file_sha256')
      .select([
        'v.state',
        'v.submission_id',
        'v.manifest',
        'v.file_sha256',
        'v.file_format',
        'v.submitted_at',
        'f.size as file_size',
        's.request_id',
        's.contributor_id',
      ])
      .where('v.id', '=', versionId)
      .executeTakeFirst();
    if (!row || (row.state !== 'submitted' && row.state !== 'scoring')) return null;
    if (row.state === 'submitted') {
      await trx
        .updateTable('submission_version')
        .set({ state: 'scoring', updated_at: Date.now() })
        .where('id', '=', versionId)
        .where('state', '=', 'submitted')
        .execute();
      await appendEvents(trx, [
        { type: 'version.scoring', submissionId: row.submission_id, versionId, requestId: row.request_id },
      ]);
    }
    return row;
  });
  if (!claimed) return 'skipped';

  // The manifest and file are frozen once submitted, so the claim's read of them is the one to score.
  const version = claimed;
  const requestRow = claimed.request_id ? await findRequestById(db, claimed.request_id) : undefined;
  const request = requestRow ? toDataRequest(requestRow) : undefined;
  const acceptedFingerprints = await othersAcceptedFingerprints(db, claimed.contributor_id);

  // Submit validated the manifest; parsing again gives the scorer the exact typed shape.
  const manifest = ManifestSchema.parse(JSON.parse(version.manifest));
  // Read per job, so a threshold an operator sets applies to the next version any worker scores.
  const { threshold } = await readThreshold(db, deps.defaultThreshold);
  const contributorRecord = await findContributorRecord(db, claimed.contributor_id, claimed.submission_id);
  const source = Readable.toWeb(deps.files.read(version.file_sha256!)) as ReadableStream<Uint8Array>;
  const report = await scoreDataset({
    source,
    format: (version.file_format as FileFormat | null) ?? undefined,
    manifest,
    options: {
      threshold,
      contributorRecord,
      totalBytes: version.file_size ?? undefined,
      acceptedFingerprints,
      requirements: request ? requirementsOf(request) : undefined,
      onProgress: ({ bytes, rows }) => deps.progress.publish({ versionId, bytes, rows }),
    },
  });

  const stored = await db.transaction().execute(async (trx) => {
    const now = Date.now();
    const goesToReview = request?.status === 'open';
    const result = await trx
      .updateTable('submission_version')
      .set({
        state: goesToReview ? 'in_review' : 'scored',
        report: JSON.stringify(report),
        score_overall: report.scores.overall,
        score_structure: report.scores.structure,
        score_context: report.scores.context,
        score_provenance: report.scores.provenance,
        enterprise_grade: report.enterpriseGrade ? 1 : 0,
        scorer_version: report.scorerVersion,
        row_count: report.stats.rows,
        file_format: report.stats.format,
        scored_at: now,
        updated_at: now,
      })
      .where('id', '=', versionId)
      .where('state', '=', 'scoring')
      // The submission this run read, not a later one: a run slower than its lease may finish after the
      // version was given up and submitted again, perhaps with another file.
      .where('submitted_at', '=', claimed.submitted_at)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    const base = { submissionId: claimed.submission_id, versionId, requestId: claimed.request_id, at: now };
    await appendEvents(trx, [
      {
        ...base,
        type: 'version.scored',
        props: {
          overall: report.scores.overall,
          structure: report.scores.structure,
          context: report.scores.context,
          provenance: report.scores.provenance,
          enterpriseGrade: report.enterpriseGrade,
          findings: report.findings.length,
        },
      },
      ...(goesToReview ? [{ ...base, type: 'version.in_review' as const }] : []),
    ]);
    return true;
  });
  deps.progress.settle(versionId);
  deps.logger.info({ versionId, stored, overall: report.scores.overall }, 'version scored');
  if (stored) await storeSampleRows(deps, versionId, version.file_sha256!, report);
  return stored ? 'scored' : 'skipped';
}

/**
 * Picks the rows reviewers see, spread over the file now that the scorer has counted them, after the score
 * of record is stored: reading up to the last of them takes a third to a half of scoring's time again,
 * which the contributor does not wait for. Until they are stored (or if picking them fails) the review
 * page shows the file's first rows.
 */
async function storeSampleRows(deps: ScoringDeps, versionId: string, sha256: string, report: QualityReport) {
  try {
    const sample = await pickSampleRows(deps.files, sha256, report.stats.format, report.stats.rows);
    await deps.db
      .updateTable('submission_version')
      .set({ sample_rows: JSON.stringify(sample) })
      .where('id', '=', versionId)
      .execute();
  } catch (error) {
    deps.logger.error(
      { err: error, versionId },
      'picking the sample rows failed; reviewers see the first rows',
    );
  }
}
