import type { SubmissionState } from '@assay/schema';
import { notFound } from '../errors.ts';
import type { Services } from '../services.ts';
import { toVersionView } from './map-version.ts';
import { findVersionById } from './repository.ts';

const SCORING_STATES: readonly SubmissionState[] = ['submitted', 'scoring'];

/**
 * Live scoring progress for the contributor's own version: the state as it changes, bytes and rows read
 * (when this process scores), then the version with its report of record. Ends when scoring is over.
 */
export async function followScoring(
  services: Services,
  input: { contributorId: string; versionId: string; signal?: AbortSignal | undefined },
) {
  // Checked before the stream starts, so that the procedure answers NOT_FOUND: thrown inside the stream,
  // it reached the client as an INTERNAL_SERVER_ERROR (tRPC does not pass it through middleware there).
  const first = await findVersionById(services.db, input.versionId);
  if (!first || first.contributor_id !== input.contributorId) throw notFound('version', input.versionId);
  return watchScoring(services, first, input);
}

async function* watchScoring(
  services: Services,
  first: NonNullable<Awaited<ReturnType<typeof findVersionById>>>,
  input: { versionId: string; signal?: AbortSignal | undefined },
) {
  const totalBytes = first.file_sha256
    ? ((
        await services.db
          .selectFrom('stored_file')
          .select('size')
          .where('sha256', '=', first.file_sha256)
          .executeTakeFirst()
      )?.size ?? null)
    : null;
  while (!input.signal?.aborted) {
    const row = await findVersionById(services.db, input.versionId);
    if (!row) return;
    const state = row.state as SubmissionState;
    if (!SCORING_STATES.includes(state)) {
      yield { state, bytes: totalBytes, rows: row.row_count, totalBytes, version: toVersionView(row) };
      return;
    }
    const progress = services.progress.current(input.versionId);
    yield { state, bytes: progress?.bytes ?? 0, rows: progress?.rows ?? 0, totalBytes, version: null };
    await services.progress.next(input.versionId, 500, input.signal);
  }
}
