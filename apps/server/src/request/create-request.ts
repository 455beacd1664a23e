import { unknownLicenseMessage } from '@assay/quality';
import { type DataRequestInput, pastDeadlineMessage } from '@assay/schema';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { fieldError } from '../errors.ts';
import { appendEvent } from '../events/append-event.ts';
import { orgAccount, postTransaction, requestAccount } from '../ledger/post-transaction.ts';
import type { SessionUser } from '../trpc.ts';
import { resolveReviewerOrganisation } from './access.ts';
import { toDataRequest } from './map-request.ts';
import { findRequestById, insertRequest } from './repository.ts';

/** Rejects a licence id SPDX does not know, as a field error on `acceptedLicenses`. */
export function checkLicenses(ids: readonly string[]): void {
  const unknown = unknownLicenseMessage(ids);
  if (unknown) throw fieldError('acceptedLicenses', unknown);
}

/** Rejects a deadline that has already passed, as a field error on `deadline`. */
export function parseDeadline(deadline: string | null | undefined, now: number): number | null {
  if (!deadline) return null;
  const passed = pastDeadlineMessage(deadline, now);
  if (passed) throw fieldError('deadline', passed);
  return Date.parse(deadline);
}

/**
 * Posts a data request for the reviewer's organisation. Its budget is funded at once, in the same
 * transaction: `org:<id>` → `request:<id>`, so the request's account holds what it can still pay.
 */
export async function createRequest(
  db: Kysely<Database>,
  reviewer: Pick<SessionUser, 'id' | 'role'>,
  input: DataRequestInput & { organisationId?: string | undefined },
  now = Date.now(),
) {
  const organisationId = await resolveReviewerOrganisation(db, reviewer, input.organisationId);
  const id = crypto.randomUUID();
  const deadlineAt = parseDeadline(input.deadline, now);
  checkLicenses(input.acceptedLicenses);
  const row = await db.transaction().execute(async (trx) => {
    await insertRequest(trx, {
      id,
      organisation_id: organisationId,
      title: input.title,
      description: input.description,
      task: input.task,
      required_columns: JSON.stringify(input.requiredColumns),
      label_set: JSON.stringify(input.labelSet),
      min_rows: input.minRows,
      accepted_licenses: JSON.stringify(input.acceptedLicenses),
      required_consent_basis: JSON.stringify(input.requiredConsentBasis),
      requires_commercial_use: input.requiresCommercialUse ? 1 : 0,
      min_quality_score: input.minQualityScore,
      reward_cents: input.rewardCents,
      budget_cents: input.budgetCents,
      deadline_at: deadlineAt,
      status: 'open',
      created_by: reviewer.id,
      created_at: now,
      updated_at: now,
    });
    if (input.budgetCents > 0) {
      await postTransaction(trx, {
        memo: 'Budget for a data request',
        requestId: id,
        at: now,
        entries: [
          { account: orgAccount(organisationId), amountCents: -input.budgetCents },
          { account: requestAccount(id), amountCents: input.budgetCents },
        ],
      });
    }
    await appendEvent(trx, {
      type: 'request.created',
      actorId: reviewer.id,
      requestId: id,
      at: now,
      props: { organisationId, budgetCents: input.budgetCents, rewardCents: input.rewardCents },
    });
    return findRequestById(trx, id);
  });
  return toDataRequest(row!);
}
