import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * Says why a submitted version is a draft again: the server could not score it on any attempt (its
 * file could not be read, say). Nothing of the draft was lost, and submitting again is the way on.
 */
export function ScoringFailedNotice({
  number,
  failedAt,
  children,
}: {
  number: number;
  failedAt: string;
  children?: ReactNode;
}) {
  return (
    <Alert
      color="red"
      title="The server could not score this version"
      // Polite: the page may be open, polling, as the last try fails; on a page opened later it is read in place.
      role="status"
      data-testid="scoring-failed"
    >
      Version {number} was submitted, but scoring it failed on every try (the last at{' '}
      {new Date(failedAt).toLocaleString()}). It is a draft again, with your file and datasheet kept: submit
      it again. {children}
    </Alert>
  );
}
