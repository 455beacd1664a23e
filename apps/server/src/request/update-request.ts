import {
  type DataRequestPatch,
  formatEuros,
  type RequestPending,
  rewardOverBudgetMessage,
} from '@assay/schema';
import type { Kysely, Updateable } from 'kysely';
import type { Database, DataRequestTable } from '../db/database.ts';
import { AppError, fieldError } from '../errors.ts';
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
import { checkLicenses, parseDeadline } from './create-request.ts';
import { toDataRequest } from './map-request.ts';
import {
  closeRequestRow,
  countPendingVersions,
  findRequestById,
  openWorkForRequest,
  type RequestRow,
  updateRequestRow,
} from './repository.ts';

type Caller = Pick<SessionUser, 'id' | 'role'>;

/**
 * Changes an open request. A budget change moves the difference: raising it funds the request from the
 * organisation, lowering it returns money, but never below what has already been paid out. Every change
 * is a `request.updated` event naming the fields whose value it changed; a patch that changes nothing
 * writes nothing and logs nothing.
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
      throw new AppError(
        'invalid_state',
        `The request “${request.title}” is closed and can no longer be changed`,
      );
    }
    // Only what differs from the stored request is written and named: the editor sends the whole form.
    const changed = changedFields(request, patch);
    const set: Updateable<DataRequestTable> = {};
    if (changed.has('title')) set.title = patch.title;
    if (changed.has('description')) set.description = patch.description;
    if (changed.has('task')) set.task = patch.task;
    if (changed.has('requiredColumns')) set.required_columns = JSON.stringify(patch.requiredColumns);
    if (changed.has('labelSet')) set.label_set = JSON.stringify(patch.labelSet);
    if (changed.has('minRows')) set.min_rows = patch.minRows;
    // Checked only when changed, as the deadline: a request posted before the check can still be edited.
    if (changed.has('acceptedLicenses')) {
      checkLicenses(patch.acceptedLicenses ?? []);
      set.accepted_licenses = JSON.stringify(patch.acceptedLicenses);
    }
    if (changed.has('requiredConsentBasis'))
      set.required_consent_basis = JSON.stringify(patch.requiredConsentBasis);
    if (changed.has('requiresCommercialUse'))
      set.requires_commercial_use = patch.requiresCommercialUse ? 1 : 0;
    if (changed.has('minQualityScore')) set.min_quality_score = patch.minQualityScore;
    if (changed.has('rewardCents')) set.reward_cents = patch.rewardCents;
    // An unchanged deadline is not checked again: one already past must not block editing the rest.
    if (changed.has('deadline')) set.deadline_at = parseDeadline(patch.deadline, now);

    if (changed.has('budgetCents') && patch.budgetCents !== undefined) {
      const difference = patch.budgetCents - Number(request.budget_cents);
      const remaining = await accountBalance(trx, requestAccount(id));
      if (difference < 0 && -difference > remaining) {
        const paid = Number(request.budget_cents) - remaining;
        throw fieldError(
          'budgetCents',
          `The budget cannot go below the ${formatEuros(paid)} already paid out (asked for ${formatEuros(patch.budgetCents)})`,
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
    // A reward the whole budget could never pay once is refused, whichever of the two changes (after the
    // paid-out check, which says more); a request already so, posted before this rule, can still be
    // edited in its other fields. Throwing here rolls back the budget's move above.
    if (changed.has('rewardCents') || changed.has('budgetCents')) {
      const overBudget = rewardOverBudgetMessage(
        patch.rewardCents ?? Number(request.reward_cents),
        patch.budgetCents ?? Number(request.budget_cents),
      );
      if (overBudget)
        throw fieldError(changed.has('rewardCents') ? 'rewardCents' : 'budgetCents', overBudget);
    }
    if (changed.size === 0) return request;
    await updateRequestRow(trx, id, { ...set, updated_at: now });
    // What changed, by field name; the budget's move is in the ledger too, with its memo.
    await appendEvent(trx, {
      type: 'request.updated',
      actorId: reviewer.id,
      requestId: id,
      at: now,
      props: {
        fields: [...changed].join(', '),
        budgetChangeCents:
          set.budget_cents === undefined ? 0 : Number(set.budget_cents) - Number(request.budget_cents),
      },
    });
    return findRequestById(trx, id);
  });
  return toDataRequest(row!);
}

/**
 * The fields of `patch` whose value differs from the stored request, in the patch's order. Lists and
 * column lists compare as stored, in order (the order is what the request shows); the deadline compares as
 * an instant, whatever offset it was written with.
 */
export function changedFields(request: RequestRow, patch: DataRequestPatch): Set<keyof DataRequestPatch> {
  const current = toDataRequest(request);
  const instant = (deadline: string | null | undefined) => (deadline ? Date.parse(deadline) : null);
  const changed = new Set<keyof DataRequestPatch>();
  for (const [key, value] of Object.entries(patch) as [keyof DataRequestPatch, unknown][]) {
    if (value === undefined) continue;
    const isSame =
      key === 'deadline'
        ? instant(patch.deadline) === instant(current.deadline)
        : JSON.stringify(value) === JSON.stringify(current[key]);
    if (!isSame) changed.add(key);
  }
  return changed;
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
