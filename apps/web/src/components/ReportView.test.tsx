import type { Finding, QualityReport } from '@assay/schema';
import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { theme } from '../theme.ts';
import { DatasetProfile } from './DatasetProfile.tsx';
import { citedRowsText, countSuffix, FindingItem, ReportView, requestMinimumText } from './ReportView.tsx';

const manifest = { columns: [{ name: 'text' }] };

function finding(location: Finding['location']): Finding {
  return {
    code: 'x',
    dimension: 'context',
    severity: 'warning',
    message: 'm',
    hint: 'h',
    location,
    count: 1,
  };
}

function renderItem(item: Finding, onGo?: (f: Finding) => void) {
  render(
    <MantineProvider>
      <FindingItem finding={item} manifest={manifest} onGo={onGo} />
    </MantineProvider>,
  );
}

describe('FindingItem', () => {
  it('links to a field by the name the form gives it, and says which finding was followed', () => {
    const onGo = vi.fn();
    const licence = finding({ field: 'provenance.license' });
    renderItem(licence, onGo);
    fireEvent.click(screen.getByRole('button', { name: 'Go to “Licence (SPDX identifier)”' }));
    expect(onGo).toHaveBeenCalledWith(licence);
  });

  it('does not quote a name that quotes its column already', () => {
    renderItem(finding({ field: 'columns.0.description' }), vi.fn());
    expect(screen.getByRole('button', { name: 'Go to “What ‘text’ holds”' })).toBeTruthy();
  });

  // The scorer's hints (shared with its CLI) named manifest paths the form never shows.
  it('names the manifest paths in its hint as the form does', () => {
    renderItem({
      ...finding({ field: 'provenance.containsPersonalData' }),
      hint: 'Remove or pseudonymise personal data, or set provenance.containsPersonalData to true.',
    });
    expect(
      screen.getByText(
        'Remove or pseudonymise personal data, or set “Does the data contain personal data (names, emails, phone numbers…)?” to “Yes”.',
      ),
    ).toBeTruthy();
  });

  it('without a link (a reviewer), says where in words, rows and columns as before', () => {
    renderItem(finding({ field: 'context.intendedUse' }));
    expect(screen.getByText('field “Intended use”')).toBeTruthy();
    renderItem(finding({ row: 12, column: 'urgency' }));
    expect(screen.getByText('row 12, column urgency')).toBeTruthy();
    renderItem(finding({ row: 0, column: 'urgency' }));
    expect(screen.getByText('the header row, column urgency')).toBeTruthy();
  });
});

// A personal-data or label finding links to its manifest field; the rows it is about went unsaid.
describe('citedRowsText', () => {
  const at = (rows: number[], count = rows.length): Finding => ({
    ...finding({ field: 'provenance.containsPersonalData', row: rows[0] ?? null, column: 'text' }),
    locations: rows.slice(1).map((row) => ({ row, column: 'text' })),
    count,
  });

  it('names the rows of a finding that links to a field', () => {
    expect(citedRowsText(at([7]))).toBe('In row 7');
    expect(citedRowsText(at([12, 3, 7]))).toBe('In rows 3, 7 and 12');
    expect(citedRowsText(at([1, 2, 3, 4, 5, 6, 7], 1_204))).toBe('In rows 1, 2, 3, 4, 5, … (1,204 in all)');
  });

  it('says nothing of a finding with no rows, or one whose location is its rows', () => {
    expect(citedRowsText(at([]))).toBeNull();
    expect(citedRowsText({ ...finding({ row: 4, column: 'text' }), count: 1 })).toBeNull();
  });

  it('is shown under the finding, beside its link to the field', () => {
    renderItem(at([3, 9]), vi.fn());
    expect(screen.getByTestId('finding-rows-cited').textContent).toBe('In rows 3 and 9');
    expect(screen.getByRole('button', { name: /^Go to “Does the data contain personal data/ })).toBeTruthy();
  });
});

describe('requestMinimumText', () => {
  it.each([
    [55, null, null],
    [55, 0, null],
    [60, 60, "Meets the request's minimum score of 60."],
    [55.2, 60, "Below the request's minimum score: it asks for at least 60, this scores 55."],
    // Rounded, 59.6 would read as 60: the decimal shows why it is below.
    [59.6, 60, "Below the request's minimum score: it asks for at least 60, this scores 59.6."],
  ])('%s against %s', (overall, minScore, text) => {
    expect(requestMinimumText(overall, minScore)).toBe(text);
  });
});

describe('DatasetProfile', () => {
  const stats = {
    format: 'csv' as const,
    bytes: 1000,
    rows: 40,
    columns: 3,
    labelCounts: { low: 10, high: 29, Hgh: 1 },
    missingPerColumn: { text: 0, created: 4 },
    duplicateRows: 1,
  };

  it('draws a bar per label and per column with missing values, and names what the labels lack', () => {
    render(
      <MantineProvider>
        <DatasetProfile
          stats={stats}
          manifest={{
            label: { column: 'urgency', classes: [{ name: 'high' }, { name: 'low' }, { name: 'medium' }] },
          }}
        />
      </MantineProvider>,
    );
    const labels = within(screen.getByTestId('profile-labels'));
    expect(labels.getByText('Rows per label (column urgency)')).toBeTruthy();
    expect(labels.getAllByRole('progressbar').map((bar) => bar.getAttribute('aria-label'))).toEqual([
      'high: 29 rows',
      'low: 10 rows',
      'Hgh: 1 row',
    ]);
    expect(labels.getAllByText('not declared')).toHaveLength(1);
    expect(screen.getByTestId('profile-absent').textContent).toBe('Declared but in no row: medium');
    const missing = within(screen.getByTestId('profile-missing'));
    expect(missing.getAllByRole('progressbar').map((bar) => bar.getAttribute('aria-label'))).toEqual([
      'created: missing in 4 rows',
    ]);
    expect(screen.getByTestId('profile-duplicates').textContent).toBe(
      '1 row repeats an earlier row exactly.',
    );
  });

  it('says when nothing is missing or repeated, and shows nothing for an empty file', () => {
    const { unmount } = render(
      <MantineProvider>
        <DatasetProfile stats={{ ...stats, missingPerColumn: {}, duplicateRows: 0 }} />
      </MantineProvider>,
    );
    expect(screen.getByText('Every column has a value in every row.')).toBeTruthy();
    expect(screen.getByTestId('profile-duplicates').textContent).toBe('No row repeats another exactly.');
    unmount();
    render(
      <MantineProvider>
        <DatasetProfile stats={{ ...stats, rows: 0 }} />
      </MantineProvider>,
    );
    expect(screen.queryByTestId('dataset-profile')).toBeNull();
  });
});

describe('countSuffix', () => {
  it.each([
    ['Column "note" has no description.', 1, ''],
    ['Column "note" has no description.', 3, ' (3×)'],
    // The message says it: no "(39×)" after it.
    ['39 rows repeat an earlier row exactly (16.8% of the file).', 39, ''],
    ['The file has 1,234 characters that could not be read as UTF-8 text.', 1234, ''],
    // Another number that merely contains the count's digits does not count.
    ['1,390 rows repeat an earlier row exactly.', 39, ' (39×)'],
    ['A share of 0.39 or 39.5% is not the count.', 39, ' (39×)'],
    ['Column "x" is empty in 12 rows (3.9%).', 1200, ' (1,200×)'],
    // Each of the six is named: no "(6×)" after the list (QA).
    [
      'The classes do not match the request\'s label set: missing "question", "complaint", "praise"; not requested "greet", "bye", "order".',
      6,
      '',
    ],
    ['The label "tech|health" is not one of the declared classes.', 12, ' (12×)'],
  ])('%s ×%d', (message, count, suffix) => {
    expect(countSuffix({ message, count })).toBe(suffix);
  });
});

describe('ReportView', () => {
  // Mantine's Alert is role="alert": a screen reader broke in with "Nothing to fix here." three times as a
  // review page with no findings opened. Under the app's theme those lines are notes, read in their place.
  it('shows "Nothing to fix here" as a note, not an alert, under the app theme', () => {
    const report: QualityReport = {
      scorerVersion: '1.0.0',
      scores: { structure: 95, context: 90, provenance: 92, overall: 93 },
      enterpriseGrade: true,
      threshold: 70,
      stats: {
        format: 'csv',
        bytes: 1000,
        rows: 60,
        columns: 3,
        labelCounts: { high: 30, low: 30 },
        missingPerColumn: {},
        duplicateRows: 0,
      },
      findings: [],
      fingerprints: [],
    };
    render(
      <MantineProvider theme={theme}>
        <ReportView report={report} minScore={50} />
      </MantineProvider>,
    );
    expect(screen.queryAllByRole('alert')).toEqual([]);
    expect(
      screen.queryAllByRole('status').filter((el) => el.textContent?.includes('Nothing to fix')),
    ).toEqual([]);
    expect(screen.getAllByRole('note').map((note) => note.textContent)).toEqual([
      'Nothing to fix here.',
      'Nothing to fix here.',
      'Nothing to fix here.',
    ]);
  });
});
