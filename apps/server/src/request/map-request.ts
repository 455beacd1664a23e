import type { ConsentBasis, DataRequest, DataRequestStatus, Task } from '@assay/schema';
import type { RequestRow } from './repository.ts';

/** A request as the API returns it ({@link DataRequest}): parsed JSON, booleans, ISO dates. */
export function toDataRequest(row: RequestRow): DataRequest {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    title: row.title,
    description: row.description,
    task: row.task as Task,
    requiredColumns: JSON.parse(row.required_columns) as DataRequest['requiredColumns'],
    labelSet: JSON.parse(row.label_set) as string[],
    minRows: Number(row.min_rows),
    acceptedLicenses: JSON.parse(row.accepted_licenses) as string[],
    requiredConsentBasis: JSON.parse(row.required_consent_basis) as ConsentBasis[],
    requiresCommercialUse: Number(row.requires_commercial_use) === 1,
    minQualityScore: Number(row.min_quality_score),
    rewardCents: Number(row.reward_cents),
    budgetCents: Number(row.budget_cents),
    budgetLeftCents: Number(row.budget_left_cents ?? 0),
    deadline: row.deadline_at === null ? null : new Date(Number(row.deadline_at)).toISOString(),
    status: row.status as DataRequestStatus,
    createdAt: new Date(Number(row.created_at)).toISOString(),
  };
}
