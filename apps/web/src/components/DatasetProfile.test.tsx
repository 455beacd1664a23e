import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import { expect, it } from 'vitest';
import { DatasetProfile } from './DatasetProfile.tsx';

it('draws a missing share orange only when the scorer warns about it, grey below its threshold', () => {
  render(
    <MantineProvider>
      <DatasetProfile
        stats={{
          format: 'csv',
          bytes: 1000,
          rows: 40,
          columns: 3,
          labelCounts: {},
          // 5% (at the threshold, no finding), 7.5% (a finding) and an empty column (its own finding).
          missingPerColumn: { created: 2, note: 3, empty: 40 },
          duplicateRows: 0,
        }}
      />
    </MantineProvider>,
  );
  const bars = within(screen.getByTestId('profile-missing')).getAllByRole('progressbar');
  const colours = Object.fromEntries(
    bars.map((bar) => [
      bar.getAttribute('aria-label'),
      /--progress-section-color: var\(--mantine-color-(\w+)-filled\)/.exec(
        bar.getAttribute('style') ?? '',
      )?.[1],
    ]),
  );
  expect(colours).toEqual({
    'empty: missing in 40 rows': 'orange',
    'note: missing in 3 rows': 'orange',
    'created: missing in 2 rows': 'gray',
  });
});
