import { REASON_CODES } from '@assay/schema';
import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen } from '@testing-library/react';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it, vi } from 'vitest';
import { StaleDataNotice } from '../components/QueryError.tsx';
import { pollIntervalOf, standingVersion } from './SubmissionPage.tsx';
import { VersionHistory } from './VersionHistory.tsx';

const withLatest = (state: string, status = 'success') => ({
  state: { status, data: { versions: [{ state: 'draft' }, { state }] } },
});

describe('pollIntervalOf', () => {
  it('polls while the latest version is being scored', () => {
    expect(pollIntervalOf(withLatest('submitted'))).toBe(5_000);
    expect(pollIntervalOf(withLatest('scoring'))).toBe(5_000);
    expect(pollIntervalOf(withLatest('scored'))).toBe(false);
  });

  // A failed poll stopped nothing, but a failed refetch of a settled page left it stale for good.
  it('keeps polling after a failed refetch, so the page recovers by itself', () => {
    expect(pollIntervalOf(withLatest('scored', 'error'))).toBe(5_000);
    expect(pollIntervalOf(withLatest('accepted', 'error'))).toBe(5_000);
    expect(pollIntervalOf({ state: { status: 'error', data: undefined } })).toBe(5_000);
  });
});

describe('standingVersion', () => {
  const v = (number: number, state: string, submittedAt: string | null) => ({ number, state, submittedAt });
  const sent = '2026-11-01T10:00:00.000Z';

  it('is the last version, whatever its state', () => {
    expect(standingVersion([v(1, 'changes_requested', sent), v(2, 'scored', sent)])?.number).toBe(2);
    expect(standingVersion([v(1, 'changes_requested', sent), v(2, 'draft', null)])?.number).toBe(2);
    // Withdrawn after it was sent: that is the submission's last word, not a discarded draft.
    expect(standingVersion([v(1, 'changes_requested', sent), v(2, 'withdrawn', sent)])?.number).toBe(2);
  });

  it('passes over a discarded follow-up draft to the version before it', () => {
    expect(standingVersion([v(1, 'changes_requested', sent), v(2, 'withdrawn', null)])?.number).toBe(1);
    expect(
      standingVersion([v(1, 'changes_requested', sent), v(2, 'withdrawn', null), v(3, 'withdrawn', null)])
        ?.number,
    ).toBe(1);
  });

  it('is the discarded draft when it is all there is, and nothing for no versions', () => {
    expect(standingVersion([v(1, 'withdrawn', null)])?.number).toBe(1);
    expect(standingVersion([])).toBeUndefined();
  });
});

describe('StaleDataNotice', () => {
  it('says the data is out of date, from when, and why; Retry calls back', () => {
    const onRetry = vi.fn();
    const at = new Date(2026, 0, 2, 9, 30, 0).getTime();
    render(
      <MantineProvider>
        <StaleDataNotice
          error={TRPCClientError.from(new TypeError('Failed to fetch'))}
          updatedAt={at}
          onRetry={onRetry}
          isRetryingByItself
          title="Live updates failed"
        />
      </MantineProvider>,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Live updates failed');
    expect(alert.textContent).toContain('The server cannot be reached.');
    expect(alert.textContent).toContain(`from ${new Date(at).toLocaleTimeString()} and may be out of date`);
    expect(alert.textContent).toContain('updates by itself');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});

describe('VersionHistory', () => {
  const version = (number: number, state: string, decision: object | null) =>
    ({
      id: `v${number}`,
      number,
      state,
      score: 60 + number,
      createdAt: new Date(2026, 10, number).toISOString(),
      submittedAt: number === 1 ? new Date(2026, 10, 1, 15, 30).toISOString() : null,
      decision,
    }) as unknown as Parameters<typeof VersionHistory>[0]['versions'][number];

  it("shows what the reviewer said of each earlier version, but not the latest's again", () => {
    render(
      <MantineProvider>
        <VersionHistory
          versions={[
            version(1, 'changes_requested', {
              decision: 'request_changes',
              reasonCodes: ['context.missing-datasheet'],
              comment: 'Please describe how the tickets were labeled.',
            }),
            version(2, 'accepted', {
              decision: 'accept',
              reasonCodes: ['accept.meets-requirements'],
              comment: 'Thank you.',
            }),
          ]}
        />
      </MantineProvider>,
    );
    const decisions = screen.getAllByTestId('version-decision');
    expect(decisions).toHaveLength(1);
    expect(decisions[0]!.textContent).toContain(REASON_CODES['context.missing-datasheet'].label);
    expect(decisions[0]!.textContent).toContain('“Please describe how the tickets were labeled.”');
    expect(screen.queryByText('“Thank you.”')).toBeNull();
    // The time each was sent, or for a draft never sent, started.
    const history = screen.getByTestId('version-history').textContent ?? '';
    expect(history).toContain(`submitted ${new Date(2026, 10, 1, 15, 30).toLocaleString()}`);
    expect(history).toContain(`started ${new Date(2026, 10, 2).toLocaleString()}`);
    expect(screen.getByText('Version 1')).toBeTruthy();
    expect(screen.getByText('Version 2')).toBeTruthy();
  });

  it('calls a draft withdrawn before it was sent "discarded", and one withdrawn after "withdrawn"', () => {
    render(
      <MantineProvider>
        <VersionHistory versions={[version(1, 'withdrawn', null), version(2, 'withdrawn', null)]} />
      </MantineProvider>,
    );
    // Newest first: version(2, …) was never sent; version(1, …) was (it has a submittedAt).
    const badges = screen.getAllByTestId('state').map((badge) => badge.textContent);
    expect(badges).toEqual(['discarded', 'withdrawn']);
  });
});
