import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { lazy, Suspense } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { isChunkLoadError, PageLoadBoundary } from './PageLoadBoundary.tsx';

function renderLazy(error: Error, resetKey = '/new') {
  const Page = lazy(() => Promise.reject(error));
  const tree = (key: string, page: boolean) => (
    <MantineProvider>
      <PageLoadBoundary resetKey={key}>
        <Suspense fallback="Loading">{page ? <Page /> : 'Another page'}</Suspense>
      </PageLoadBoundary>
    </MantineProvider>
  );
  const result = render(tree(resetKey, true));
  return { ...result, navigate: (key: string) => result.rerender(tree(key, false)) };
}

describe('PageLoadBoundary', () => {
  it('says a page whose chunk cannot be fetched could not be loaded, with a Reload, and clears on navigation', async () => {
    // React reports the error it caught on the console.
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { navigate } = renderLazy(
      new TypeError('Failed to fetch dynamically imported module: http://app/assets/WizardPage-x.js'),
    );
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Could not load this page/);
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
    navigate('/requests');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('Another page')).toBeTruthy();
    consoleError.mockRestore();
  });

  it('knows the failed import() of Chromium, Firefox and Safari, and Vite’s failed preload', () => {
    for (const message of [
      'Failed to fetch dynamically imported module: http://app/assets/a.js',
      'error loading dynamically imported module: http://app/assets/a.js',
      'Importing a module script failed.',
      'Unable to preload CSS for /assets/a.css',
    ])
      expect(isChunkLoadError(new Error(message))).toBe(true);
    expect(isChunkLoadError(new Error('Cannot read properties of undefined'))).toBe(false);
    expect(isChunkLoadError('Failed to fetch dynamically imported module')).toBe(false);
  });
});
