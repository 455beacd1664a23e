import type { SampleRows } from '@assay/quality';
import type { DraftManifest, FileFormat, QualityReport, ReasonCode, SubmissionState } from '@assay/schema';
import { notFound } from '../errors.ts';
import { accountBalance, requestAccount } from '../ledger/post-transaction.ts';
import { readFirstRows, withoutPersonalData } from '../scoring/sample-rows.ts';
import type { Services } from '../services.ts';
import { iso } from '../submission/map-version.ts';
import { findContributorRecord } from '../submission/repository.ts';
import type { SessionUser } from '../trpc.ts';
import {
  findAcceptedWithSameFile,
  findPreviousVersion,
  findReviewOfVersion,
  findVersionForReview,
  listOrganisationIdsOfReviewer,
} from './repository.ts';

/**
 * Loads a version a reviewer may see: one made to a request of an organisation they belong to (operators
 * see all). Anything else is NOT_FOUND, so a reviewer cannot even learn that it exists.
 */
export async function loadVisibleVersion(services: Services, caller: SessionUser, versionId: string) {
  const row = await findVersionForReview(services.db, versionId);
  if (!row) throw notFound('submission version', versionId);
  if (caller.role !== 'operator') {
    const organisations = await listOrganisationIdsOfReviewer(services.db, caller.id);
    if (!organisations.includes(row.organisation_id)) throw notFound('submission version', versionId);
  }
  if (row.state === 'draft' || row.state === 'submitted' || row.state === 'scoring') {
    throw notFound('submission version', versionId);
  }
  return row;
}

/** A version for review: report, manifest, a sample of rows, what changed since the previous version. */
export async function getReviewItem(services: Services, caller: SessionUser, versionId: string) {
  const row = await loadVisibleVersion(services, caller, versionId);
  const manifest = JSON.parse(row.manifest) as DraftManifest;
  // Independent reads, made at once: the sample from the file store, the rest from the database.
  const [sample, previous, review, contributorRecord, budgetLeftCents, sameFileAccepted] = await Promise.all([
    // Picked when the version was scored; versions scored before that show their first rows.
    row.sample_rows !== null
      ? (JSON.parse(row.sample_rows) as SampleRows)
      : row.file_sha256
        ? readFirstRows(services.files, row.file_sha256, (row.file_format as FileFormat | null) ?? undefined)
        : null,
    findPreviousVersion(services.db, row.submission_id, row.number),
    findReviewOfVersion(services.db, row.id),
    // As of now, not of scoring: decisions made since count too.
    findContributorRecord(services.db, row.contributor_id, row.submission_id),
    // What the request can still pay: an acceptance beyond it is refused, so the reviewer is told first.
    accountBalance(services.db, requestAccount(row.request_id)),
    row.file_sha256
      ? findAcceptedWithSameFile(services.db, row.request_id, row.file_sha256, row.id)
      : undefined,
  ]);
  const previousReview = previous ? await findReviewOfVersion(services.db, previous.id) : undefined;
  return {
    versionId: row.id,
    submissionId: row.submission_id,
    number: row.number,
    state: row.state as SubmissionState,
    contributor: row.pseudonym,
    /** The contributor's other submissions that reviewers (of any organisation) decided, and accepted. */
    contributorRecord,
    request: {
      id: row.request_id,
      title: row.request_title,
      rewardCents: row.reward_cents,
      budgetLeftCents,
      minQualityScore: Number(row.min_quality_score),
    },
    manifest: withSignerPseudonym(manifest, row.pseudonym),
    report: row.report ? (JSON.parse(row.report) as QualityReport) : null,
    file: row.file_sha256
      ? { sha256: row.file_sha256, name: row.file_name, format: row.file_format, rows: row.row_count }
      : null,
    // Personal data masked: the report never echoes it, and the rows are shown before the data is bought.
    sample: sample ? withoutPersonalData(sample) : null,
    previous: previous
      ? {
          versionId: previous.id,
          number: previous.number,
          state: previous.state as SubmissionState,
          score: previous.score_overall,
          changedFields: changedManifestFields(JSON.parse(previous.manifest) as DraftManifest, manifest),
          isSameFile: previous.file_sha256 === row.file_sha256,
          /** What was asked of the contributor last time, so the reviewer can see whether it was answered. */
          review: previousReview ? mapReview(previousReview, caller.id) : null,
        }
      : null,
    review: review ? mapReview(review, caller.id) : null,
    submittedAt: row.submitted_at === null ? null : iso(row.submitted_at),
    /** The request already accepted (and paid for) this exact file: accepting it again is refused. */
    sameFileAccepted: sameFileAccepted
      ? {
          versionId: sameFileAccepted.id,
          submissionId: sameFileAccepted.submission_id,
          decidedAt: sameFileAccepted.decided_at === null ? null : iso(Number(sameFileAccepted.decided_at)),
        }
      : null,
  };
}

type ReviewRow = NonNullable<Awaited<ReturnType<typeof findReviewOfVersion>>>;

function mapReview(review: ReviewRow, callerId: string) {
  return {
    decision: review.decision,
    // Whether the reviewer reading it made it: a decision whose answer was lost on the way is then known
    // as theirs when they send it again, not as a colleague's. Who else decided is not said.
    isByYou: review.reviewer_id === callerId,
    reasonCodes: JSON.parse(review.reason_codes) as ReasonCode[],
    comment: review.comment,
    decidedAt: iso(review.created_at),
  };
}

/**
 * The manifest as reviewers see it: the attestation names the contributor by pseudonym. The wizard signs
 * it with the contributor's name (or e-mail), and reviewers know contributors only by pseudonym; that it
 * was signed, and when, is what they judge.
 */
export function withSignerPseudonym(manifest: DraftManifest, pseudonym: string): DraftManifest {
  const attestation = manifest.provenance?.attestation;
  if (!attestation?.signedBy) return manifest;
  return {
    ...manifest,
    provenance: { ...manifest.provenance, attestation: { ...attestation, signedBy: pseudonym } },
  };
}

/** Manifest paths (two levels deep, e.g. `context.limitations`) whose values differ between versions. */
export function changedManifestFields(before: DraftManifest, after: DraftManifest): string[] {
  const changed: string[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof DraftManifest>;
  for (const key of keys) {
    const a = before[key];
    const b = after[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
    if (isObject(a) && isObject(b)) {
      const inner = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
      for (const field of inner) {
        const av = (a as Record<string, unknown>)[field];
        const bv = (b as Record<string, unknown>)[field];
        if (JSON.stringify(av) !== JSON.stringify(bv)) changed.push(`${key}.${field}`);
      }
    } else changed.push(key);
  }
  return changed.sort();
}
