import type { Notification } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import { deadlineText } from '../lib/deadline-text.ts';
import { notificationText } from './notification-text.ts';

const base: Notification = {
  id: 7,
  kind: 'scored',
  at: '2026-12-02T10:00:00.000Z',
  isUnread: true,
  submissionId: 'sub-1',
  versionId: 'ver-1',
  versionNumber: 2,
  versionState: 'in_review',
  title: 'Support tickets',
  request: { id: 'req-1', title: 'Tickets by urgency' },
  score: 84,
  isEnterpriseGrade: true,
  decision: null,
  rewardCents: null,
  deadline: null,
};

describe('notificationText', () => {
  it('tells a contributor their score and grade, linking to the submission', () => {
    expect(notificationText(base, 'contributor')).toEqual({
      text: 'Version 2 of “Support tickets” for “Tickets by urgency” scored 84, enterprise grade.',
      href: '/submissions/sub-1',
    });
    // Rounded as the report shows it; not "below": an error withholds the grade from a high score too.
    expect(
      notificationText({ ...base, score: 95.5, isEnterpriseGrade: false, request: null }, 'contributor').text,
    ).toBe(
      'Version 2 of “Support tickets” scored 96, not enterprise grade yet: the findings say what to fix.',
    );
  });

  it('names each decision, and the money only when acceptance paid', () => {
    const decided = { ...base, kind: 'decided' as const, score: null, isEnterpriseGrade: null };
    expect(
      notificationText({ ...decided, decision: 'accept', rewardCents: 1250 }, 'contributor').text,
    ).toMatch(
      /^Version 2 of “Support tickets” was accepted for “Tickets by urgency”: you earned .*12[.,]50.*\.$/,
    );
    expect(notificationText({ ...decided, decision: 'reject' }, 'contributor').text).toBe(
      'Version 2 of “Support tickets” was rejected for “Tickets by urgency”. See the reasons.',
    );
    expect(notificationText({ ...decided, decision: 'request_changes' }, 'contributor').text).toBe(
      'The reviewer asked for changes to version 2 of “Support tickets” for “Tickets by urgency”. See what to change.',
    );
  });

  it('tells a contributor a request closed on their draft or on the changes asked of them', () => {
    const closed = { ...base, kind: 'request_closed' as const, score: null, isEnterpriseGrade: null };
    expect(notificationText({ ...closed, versionState: 'draft' }, 'contributor')).toEqual({
      text: '“Tickets by urgency” closed before your draft “Support tickets” went in. Open it to offer its data to another request.',
      href: '/submissions/sub-1',
    });
    expect(notificationText({ ...closed, versionState: 'changes_requested' }, 'contributor').text).toBe(
      '“Tickets by urgency” closed before you sent the changes asked for on “Support tickets”. Open it to offer its data to another request.',
    );
    // Withdrawn since: nothing left to offer from it.
    expect(notificationText({ ...closed, versionState: 'withdrawn' }, 'contributor').text).toBe(
      '“Tickets by urgency” closed: version 2 of “Support tickets” can no longer go to it.',
    );
  });

  it('reminds a contributor of a deadline a day ahead, and tells them when it passed on their draft', () => {
    const deadline = '2026-12-03T14:00:00.000Z';
    const soon = {
      ...base,
      kind: 'deadline_soon' as const,
      versionState: 'draft' as const,
      deadline,
      score: null,
    };
    expect(notificationText(soon, 'contributor')).toEqual({
      text: `“Tickets by urgency” stops taking submissions on ${deadlineText(deadline)}: your draft “Support tickets” is not submitted yet.`,
      href: '/submissions/sub-1',
    });
    // Submitted since: a reminder without the nudge.
    expect(notificationText({ ...soon, versionState: 'scoring' }, 'contributor').text).toBe(
      `“Tickets by urgency” stops taking submissions on ${deadlineText(deadline)}.`,
    );
    const passed = { ...soon, kind: 'deadline_passed' as const };
    expect(notificationText(passed, 'contributor').text).toBe(
      '“Tickets by urgency” passed its deadline before your draft “Support tickets” went in. Open it to offer its data to another request.',
    );
    expect(notificationText({ ...passed, versionState: 'withdrawn' }, 'contributor').text).toBe(
      '“Tickets by urgency” passed its deadline: version 2 of “Support tickets” can no longer go to it.',
    );
  });

  it('writes a deadline with its date and time of day', () => {
    const text = deadlineText('2026-12-03T14:00:00.000Z');
    expect(text).toMatch(/2026/);
    expect(text).toMatch(/\d{1,2}[:.]\d{2}/);
  });

  it('sends reviewers to the review page and operators to the event log', () => {
    expect(notificationText({ ...base, kind: 'arrived' }, 'reviewer')).toEqual({
      text: 'A new submission to “Tickets by urgency” is waiting: version 2 of “Support tickets”, scored 84.',
      href: '/review/versions/ver-1',
    });
    expect(notificationText({ ...base, kind: 'arrived', versionState: 'accepted' }, 'reviewer').text).toBe(
      'A submission to “Tickets by urgency” arrived: version 2 of “Support tickets”, scored 84; accepted since.',
    );
    const failed = { ...base, kind: 'scoring_failed' as const, score: null, request: null };
    expect(notificationText(failed, 'operator')).toEqual({
      text: 'Scoring version 2 of “Support tickets” failed on every attempt; it went back to its contributor as a draft.',
      href: '/operator/activity',
    });
    expect(notificationText(failed, 'contributor').text).toBe(
      'Scoring version 2 of “Support tickets” failed on every attempt. Your draft is kept: submit it again.',
    );
  });
});
