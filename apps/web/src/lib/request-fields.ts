import type { DataRequestInput } from '@assay/schema';

/** A data request's fields as the request editor labels them (without units), for the Activity log. */
export const REQUEST_FIELD_LABELS = {
  title: 'Title',
  description: 'Description',
  task: 'Task',
  minRows: 'Minimum rows',
  requiredColumns: 'Required columns',
  labelSet: 'Label set',
  acceptedLicenses: 'Accepted licences',
  requiredConsentBasis: 'Accepted consent bases',
  requiresCommercialUse: 'Commercial use required',
  minQualityScore: 'Minimum quality score',
  deadline: 'Deadline',
  rewardCents: 'Reward per accepted submission',
  budgetCents: 'Budget',
} satisfies Record<keyof DataRequestInput, string>;

/** A request field's label, or the name as it is when the editor has no such field. */
export function requestFieldLabel(name: string): string {
  return Object.hasOwn(REQUEST_FIELD_LABELS, name)
    ? REQUEST_FIELD_LABELS[name as keyof typeof REQUEST_FIELD_LABELS]
    : name;
}
