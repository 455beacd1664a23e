import type { Decision } from '@assay/schema';
import { Alert, Anchor } from '@mantine/core';
import { Link, useLocation, useNavigate } from 'react-router';
import { DEFAULT_QUEUE_FILTER, type QueueFilter, queuePath } from './queue-filter.ts';

/** What the reviewer's pages pass each other in the history entry's state. */
export interface ReviewLocationState {
  /** The queue a review was opened from: once decided, the review goes on to that queue's next version. */
  queue?: QueueFilter;
  /** The decision just sent, said on the page that comes next; `waiting`: the queue's count after it, if read. */
  decided?: { decision: Decision; title: string; number: number; waiting: number | null };
}

const VERBS: Record<Decision, string> = {
  accept: 'Accepted',
  reject: 'Rejected',
  request_changes: 'Asked for changes to',
};

/** "Accepted “Support tickets” v2. 3 more waiting: this is the next." */
export function decidedText(
  decided: NonNullable<ReviewLocationState['decided']>,
  isQueuePage: boolean,
): string {
  const what = `${VERBS[decided.decision]} “${decided.title}” v${decided.number}.`;
  if (decided.waiting === null) return what;
  if (decided.waiting === 0) return `${what} Nothing else is waiting in this queue.`;
  const more = `${decided.waiting} more waiting`;
  // Said at the top of the next version's page, which has replaced the one decided.
  return isQueuePage ? `${what} ${more}.` : `${what} ${more}: this is the next.`;
}

/** Says which decision was just sent, on the next review (or the queue, when none is left). */
export function DecidedNotice({ isQueuePage = false }: { isQueuePage?: boolean }) {
  const location = useLocation();
  const navigate = useNavigate();
  const state = (location.state ?? {}) as ReviewLocationState;
  if (!state.decided) return null;
  const dismiss = () =>
    void navigate(`${location.pathname}${location.search}`, {
      replace: true,
      state: { queue: state.queue } satisfies ReviewLocationState,
    });
  return (
    <Alert
      color="teal"
      role="status"
      data-testid="decided-notice"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={dismiss}
    >
      {decidedText(state.decided, isQueuePage)}
      {!isQueuePage && (
        <>
          {' '}
          <Anchor
            component={Link}
            to={queuePath(state.queue ?? DEFAULT_QUEUE_FILTER)}
            size="sm"
            underline="always"
          >
            Back to the queue
          </Anchor>
        </>
      )}
    </Alert>
  );
}
