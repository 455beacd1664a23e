import type { SubmissionState } from '@assay/schema';
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

export function StateBadge({ state }: { state: SubmissionState }) {
  return (
    // Never cut to "IN R…" in a narrow table column: the badge keeps its words' width.
    <Badge color={COLORS[state]} variant="light" data-testid="state" miw="max-content">
      {state.replace('_', ' ')}
    </Badge>
  );
}
