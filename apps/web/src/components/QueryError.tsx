import { Alert, Button, Group, Text } from '@mantine/core';
import { isNetworkError, messageOf } from '../lib/errors.ts';

/** An unexpected error, said plainly, with a retry. */
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
  return (
    <Alert
      color={offline ? 'yellow' : 'red'}
      title={title ?? (offline ? 'No connection' : 'Something went wrong')}
      role="alert"
    >
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{messageOf(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="white" onClick={onRetry}>
            Retry
          </Button>
        )}
      </Group>
    </Alert>
  );
}
