import type { DataRequestPatch, RequestPending } from '@assay/schema';
import type { Kysely, Updateable } from 'kysely';
import type { Database, DataRequestTable } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { appendEvent, appendEvents } from '../events/append-event.ts';
import {
  accountBalance,
  lockRequest,
  orgAccount,
  postTransaction,
  requestAccount,
} from '../ledger/post-transaction.ts';
import type { SessionUser } from '../trpc.ts';
import { requireRequestMember } from './access.ts';
import { parseDeadline } from './create-request.ts';
import { toDataRequest } from './map-request.ts';
import {
  closeRequestRow,
  countPendingVersions,
  findRequestById,
  openWorkForRequest,
  updateRequestRow,
} from './repository.ts';

type Caller = Pick<SessionUser, 'id' | 'role'>;

/**
 * Changes an open request. A budget change moves the difference: raising it funds the request from the
 * organisation, lowering it returns money, but never below what has already been paid out. Every change
 * is a `request.updated` event naming the fields it touched.
 */
export async function updateRequest(
  db: Kysely<Database>,
  reviewer: Caller,
  input: { id: string; patch: DataRequestPatch },
  now = Date.now(),
) {
  const { id, patch } = input;
  const row = await db.transaction().execute(async (trx) => {
    const locked = await lockRequest(trx, id);
    const request = await requireRequestMember(trx, reviewer, await findRequestById(trx, id), id);
    if (!locked || request.status !== 'open') {
      throw new AppError('invalid_state', `Data request '${id}' is closed and can no longer be changed`);
    }
    const set: Updateable<DataRequestTable> = { updated_at: now };
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.task !== undefined) set.task = patch.task;
    if (patch.requiredColumns !== undefined) set.required_columns = JSON.stringify(patch.requiredColumns);
    if (patch.labelSet !== undefined) set.label_set = JSON.stringify(patch.labelSet);
    if (patch.minRows !== undefined) set.min_rows = patch.minRows;
    if (patch.acceptedLicenses !== undefined) set.accepted_licenses = JSON.stringify(patch.acceptedLicenses);
    if (patch.requiredConsentBasis !== undefined)
      set.required_consent_basis = JSON.stringify(patch.requiredConsentBasis);
    if (patch.requiresCommercialUse !== undefined)
      set.requires_commercial_use = patch.requiresCommercialUse ? 1 : 0;
    if (patch.minQualityScore !== undefined) set.min_quality_score = patch.minQualityScore;
    if (patch.rewardCents !== undefined) set.reward_cents = patch.rewardCents;
    if (patch.deadline !== undefined) set.deadline_at = parseDeadline(patch.deadline, now);

    if (patch.budgetCents !== undefined && patch.budgetCents !== Number(request.budget_cents)) {
      const difference = patch.budgetCents - Number(request.budget_cents);
      const remaining = await accountBalance(trx, requestAccount(id));
      if (difference < 0 && -difference > remaining) {
        const paid = Number(request.budget_cents) - remaining;
        throw new AppError(
          'invalid_input',
          `The budget cannot go below the ${paid} cents already paid out (asked for ${patch.budgetCents})`,
        );
      }
      await postTransaction(trx, {
        memo: difference > 0 ? 'Budget raised' : 'Budget lowered',
        requestId: id,
        at: now,
        entries: [
          { account: orgAccount(request.organisation_id), amountCents: -difference },
          { account: requestAccount(id), amountCents: difference },
        ],
      });
      set.budget_cents = patch.budgetCents;
    }
    await updateRequestRow(trx, id, set);
    // What changed, by field name; the budget's move is in the ledger too, with its memo.
    await appendEvent(trx, {
      type: 'request.updated',
      actorId: reviewer.id,
      requestId: id,
      at: now,
      props: {
        fields: Object.entries(patch)
          .filter(([, value]) => value !== undefined)
          .map(([field]) => field)
          .join(', '),
        budgetChangeCents:
          set.budget_cents === undefined ? 0 : Number(set.budget_cents) - Number(request.budget_cents),
      },
    });
    return findRequestById(trx, id);
  });
  return toDataRequest(row!);
}

/**
 * Closes an open request and refunds what is left of its budget to the organisation. Refused while
 * versions submitted to it await a decision (or are still being scored): they came in while it was open,
 * and closing would leave their contributors waiting on a request that can no longer pay them. The
 * reviewers decide them first. Submitting locks the request too, so none slips in meanwhile.
 */
export async function closeRequest(db: Kysely<Database>, reviewer: Caller, id: string, now = Date.now()) {
  const row = await db.transaction().execute(async (trx) => {
    await lockRequest(trx, id);
    await requireRequestMember(trx, reviewer, await findRequestById(trx, id), id);
    const pending = await countPendingVersions(trx, id);
    if (pending.awaitingDecision + pending.beingScored > 0) {
      throw new AppError(
        'invalid_state',
        `${pendingText(pending)}: decide ${
          pending.awaitingDecision + pending.beingScored === 1 ? 'it' : 'them'
        } before closing the request`,
      );
    }
    if (!(await closeRequestRow(trx, id, now))) {
      throw new AppError('invalid_state', `Data request '${id}' is already closed`);
    }
    const request = (await findRequestById(trx, id))!;
    const remaining = await accountBalance(trx, requestAccount(id));
    if (remaining > 0) {
      await postTransaction(trx, {
        memo: 'Unspent budget returned on close',
        requestId: id,
        at: now,
        entries: [
          { account: requestAccount(id), amountCents: -remaining },
          { account: orgAccount(request.organisation_id), amountCents: remaining },
        ],
      });
    }
    // Each contributor whose draft (or answer to a reviewer) the close cuts off is told, by one event per
    // submission: notifications are read from the log by submission.
    const cutOff = await openWorkForRequest(trx, id);
    await appendEvents(trx, [
      {
        type: 'request.closed',
        actorId: reviewer.id,
        requestId: id,
        at: now,
        props: { refundedCents: remaining },
      },
      ...cutOff.map(({ submissionId, versionId }) => ({
        type: 'submission.request_closed' as const,
        actorId: reviewer.id,
        submissionId,
        versionId,
        requestId: id,
        at: now,
      })),
    ]);
    // Read again: the request as closed, with its budget refunded.
    return (await findRequestById(trx, id))!;
  });
  return toDataRequest(row);
}

/** "2 submissions to this request await a decision and 1 is being scored", or either half alone. */
function pendingText({ awaitingDecision, beingScored }: RequestPending): string {
  const submissions = (n: number) => (n === 1 ? '1 submission' : `${n} submissions`);
  const awaiting = `${awaitingDecision === 1 ? 'awaits' : 'await'} a decision`;
  const scoring = `${beingScored === 1 ? 'is' : 'are'} being scored`;
  if (beingScored === 0) return `${submissions(awaitingDecision)} to this request ${awaiting}`;
  if (awaitingDecision === 0) return `${submissions(beingScored)} to this request ${scoring}`;
  return `${submissions(awaitingDecision)} to this request ${awaiting} and ${beingScored} ${scoring}`;
}

/** What keeps a request from closing, for its organisation's reviewers (the editor says it before a click). */
export async function pendingForRequest(
  db: Kysely<Database>,
  reviewer: Caller,
  id: string,
): Promise<RequestPending> {
  await requireRequestMember(db, reviewer, await findRequestById(db, id), id);
  return countPendingVersions(db, id);
}
