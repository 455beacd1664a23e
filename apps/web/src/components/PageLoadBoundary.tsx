import { Alert, Button, Group, Text } from '@mantine/core';
import { Component, type ReactNode } from 'react';

/**
 * True for a page's chunk that could not be fetched (offline, or a deploy replaced it): Chromium's,
 * Firefox's and Safari's messages for a failed `import()`, and Vite's for a failed chunk dependency.
 */
export function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /dynamically imported module|Importing a module script failed|Unable to preload/i.test(error.message)
  );
}

interface Props {
  /** The location: the boundary clears when it changes, so the navigation still leads elsewhere. */
  resetKey: string;
  children: ReactNode;
}

/**
 * Around lazily loaded pages: a page whose code cannot be fetched says so and offers a reload, instead
 * of the whole app going blank. Any other error is thrown on, as without it.
 */
export class PageLoadBoundary extends Component<Props, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidUpdate(previous: Props) {
    if (previous.resetKey !== this.props.resetKey && this.state.error != null) this.setState({ error: null });
  }

  override render() {
    const { error } = this.state;
    if (error == null) return this.props.children;
    if (!isChunkLoadError(error)) throw error;
    const offline = navigator.onLine === false;
    return (
      <Alert color="yellow" title={offline ? 'No connection' : 'Could not load this page'} role="alert">
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">
            {offline
              ? 'This page could not be loaded while offline. Reload it once you are back online.'
              : 'This page could not be loaded. Reload to try again.'}
          </Text>
          <Button size="xs" variant="white" onClick={() => window.location.reload()}>
            Reload
          </Button>
        </Group>
      </Alert>
    );
  }
}
