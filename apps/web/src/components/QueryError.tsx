import { Alert, Button, Group, Text } from '@mantine/core';
import { errorCodeOf, isNetworkError, isRefusal, messageOf, staleDataMessage } from '../lib/errors.ts';

/** What a refusal is, by the server's code: the title over the server's own words. */
const REFUSAL_TITLES: Record<string, string> = {
  BAD_REQUEST: 'Check what you entered',
  FORBIDDEN: 'Not allowed',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Not done',
  PRECONDITION_FAILED: 'Not done',
};

/**
 * An error, said plainly. A fault (offline, a timeout, the server's own problem) offers a retry; a
 * refusal (the server said no, and why) does not, since the same request gets the same answer: the
 * person needs to act on what it says.
 */
export function QueryError({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const offline = isNetworkError(error);
  const refused = isRefusal(error);
  return (
    <Alert
      color={offline ? 'yellow' : refused ? 'orange' : 'red'}
      title={
        title ??
        (offline
          ? 'No connection'
          : refused
            ? (REFUSAL_TITLES[errorCodeOf(error) ?? ''] ?? 'Not done')
            : 'Something went wrong')
      }
      role="alert"
    >
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{messageOf(error)}</Text>
        {onRetry && !refused && (
          <Button size="xs" variant="white" onClick={onRetry}>
            Retry
          </Button>
        )}
      </Group>
    </Alert>
  );
}

/**
 * A refetch failed while the page still shows what it loaded before: says so, marks that data as
 * possibly out of date (with its time), and offers a retry. For pages that keep their data on a failed
 * refetch (so nothing being read or typed disappears) instead of replacing it with {@link QueryError}.
 */
export function StaleDataNotice({
  error,
  updatedAt,
  onRetry,
  isRetrying = false,
  isRetryingByItself = false,
  title = 'Could not refresh',
}: {
  error: unknown;
  /** Epoch ms of the data on screen (`dataUpdatedAt`). */
  updatedAt: number;
  onRetry: () => void;
  isRetrying?: boolean;
  /** The page polls: it says it recovers on its own when the server answers again. */
  isRetryingByItself?: boolean;
  title?: string;
}) {
  return (
    <Alert color="yellow" title={title} role="alert" data-testid="stale-notice">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">
          {staleDataMessage(error, updatedAt)}
          {isRetryingByItself && ' It updates by itself as soon as the server answers again.'}
        </Text>
        <Button size="xs" variant="white" onClick={onRetry} loading={isRetrying}>
          Retry
        </Button>
      </Group>
    </Alert>
  );
}
