import { describe, expect, it } from 'vitest';
import { requestIntake } from './intake.ts';

const now = Date.parse('2026-12-02T12:00:00Z');
const passed = '2026-12-01T00:00:00Z';
const neverSubmitted = [{ submittedAt: null }];
const cameIn = [{ submittedAt: '2026-11-30T09:00:00Z' }, { submittedAt: null }];

describe('requestIntake', () => {
  it('is null for a submission made for no request', () => {
    expect(
      requestIntake({ requestStatus: null, requestDeadline: null, versions: neverSubmitted }, now),
    ).toBeNull();
  });
  it('refuses a first submit past the deadline, but not a follow-up', () => {
    expect(
      requestIntake({ requestStatus: 'open', requestDeadline: passed, versions: neverSubmitted }, now),
    ).toBe('past_deadline');
    expect(requestIntake({ requestStatus: 'open', requestDeadline: passed, versions: cameIn }, now)).toBe(
      'open',
    );
  });
  it('refuses everything once the request is closed', () => {
    expect(requestIntake({ requestStatus: 'closed', requestDeadline: null, versions: cameIn }, now)).toBe(
      'closed',
    );
  });
});
