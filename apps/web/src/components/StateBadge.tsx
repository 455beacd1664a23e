import { isDiscardedDraft, type SubmissionState } from '@assay/schema';
import { Badge } from '@mantine/core';

const COLORS: Record<SubmissionState, string> = {
  draft: 'gray',
  submitted: 'blue',
  scoring: 'blue',
  scored: 'cyan',
  in_review: 'violet',
  accepted: 'green',
  rejected: 'red',
  changes_requested: 'orange',
  withdrawn: 'gray',
  superseded: 'gray',
};

/** A version's state as a badge; `label` words it otherwise (a withdrawn draft reads "discarded"). */
export function StateBadge({ state, label }: { state: SubmissionState; label?: string }) {
  return (
    // Never cut to "IN R…" in a narrow table column: the badge keeps its words' width.
    <Badge color={COLORS[state]} variant="light" data-testid="state" miw="max-content">
      {label ?? state.replace('_', ' ')}
    </Badge>
  );
}

/** A version's state as a badge: a draft the contributor discarded reads "discarded", not "withdrawn". */
export function VersionStateBadge({
  version,
}: {
  version: { state: SubmissionState; submittedAt: string | null };
}) {
  return <StateBadge state={version.state} {...(isDiscardedDraft(version) ? { label: 'discarded' } : {})} />;
}
