import { describe, expect, it } from 'vitest';
import { formatFileSize } from '../lib/file-size.ts';
import { formatMoney } from '../lib/money.ts';
import { detailsText, durationText, propsText } from './ActivityPage.tsx';

describe('propsText', () => {
  it("writes an event's properties on one line, lists joined", () => {
    expect(
      propsText({
        decision: 'accept',
        reasonCodes: ['accept.high-quality', 'accept.meets-requirements'],
        score: 82.5,
      }),
    ).toBe('decision: accept · reasons: High quality, well documented; Meets our requirements · score: 83');
    expect(propsText({ enterpriseGrade: false, error: null })).toBe('enterprise grade: no · error: null');
    expect(propsText({ supersedes: true })).toBe('supersedes: yes');
    // A file's size read "size: 71440075".
    expect(propsText({ size: 71_440_075, bytes: 2_048 })).toBe(
      `size: ${formatFileSize(71_440_075)} · bytes: ${formatFileSize(2_048)}`,
    );
    // A datasheet field as the form names it; a path it has no name for stays.
    expect(propsText({ field: 'context.annotationProtocol' })).toBe('field: How labels were assigned');
    expect(propsText({ field: 'made.up' })).toBe('field: made.up');
    expect(propsText({})).toBe('');
  });
});

describe('propsText money and nested values', () => {
  it('shows amounts in cents as money, under their name without "Cents", a change signed', () => {
    expect(propsText({ refundedCents: 1000 })).toBe(`refunded: ${formatMoney(1000)}`);
    expect(propsText({ refundedCents: 0 })).toBe(`refunded: ${formatMoney(0)}`);
    // A request's changed fields as its editor names them; a name it does not have stays.
    expect(propsText({ fields: 'rewardCents, budgetCents', budgetChangeCents: -8999999999999000 })).toBe(
      `fields: Reward per accepted submission, Budget · budget change: ${formatMoney(-8999999999999000)}`,
    );
    expect(propsText({ fields: 'minRows, madeUp' })).toBe('fields: Minimum rows, madeUp');
    expect(propsText({ budgetChangeCents: 500 })).toBe(`budget change: +${formatMoney(500)}`);
    // Not a number: shown as it is rather than as a made-up amount.
    expect(propsText({ rewardCents: 'n/a' })).toBe('reward cents: n/a');
  });

  it('writes a nested object as its own properties, never "[object Object]"', () => {
    const text = propsText({ offeredFrom: { submissionId: 's-1', versionId: 'v-1' } });
    expect(text).toBe('offered from: (submission id: s-1 · version id: v-1)');
    expect(text).not.toContain('[object Object]');
    expect(propsText({ list: [{ a: 1 }, 2] })).toBe('list: (a: 1), 2');
  });
});

describe('detailsText', () => {
  it('names the version an event is about by its dataset’s title and number', () => {
    expect(detailsText({ subject: null, version: { number: 3, title: 'Support tickets' }, props: {} })).toBe(
      '“Support tickets”, version 3',
    );
    expect(
      detailsText({ subject: null, version: { number: 1, title: null }, props: { reason: 'mistake' } }),
    ).toBe('an untitled dataset, version 1 · reason: mistake');
  });

  it('names the version a submission was offered from by its dataset title and number', () => {
    const props = { offeredFrom: { submissionId: 's-1', versionId: 'v-1' } };
    expect(detailsText({ subject: null, offeredFrom: { number: 2, title: 'Support tickets' }, props })).toBe(
      'offered from: “Support tickets”, version 2',
    );
    expect(detailsText({ subject: null, offeredFrom: { number: 1, title: null }, props })).toBe(
      'offered from: an untitled dataset, version 1',
    );
    // An event whose version the server could not name keeps its ids, readably.
    expect(detailsText({ subject: null, offeredFrom: null, props })).toBe(
      'offered from: (submission id: s-1 · version id: v-1)',
    );
  });

  it('names the account an event is about by its e-mail and role instead of its id', () => {
    expect(
      detailsText({
        subject: { email: 'bob@example.com', role: 'contributor' },
        props: { userId: '6f1c0c1e-0000-4000-8000-000000000000', reason: 'Spam' },
      }),
    ).toBe('account: bob@example.com (contributor) · reason: Spam');
    // A payment names its contributor, not the contributor's id.
    expect(
      detailsText({
        subject: { email: 'bob@example.com', role: 'contributor' },
        props: { rewardCents: 500, contributorId: 'c-1', transactionId: 't-1' },
      }),
    ).toBe(`account: bob@example.com (contributor) · reward: ${formatMoney(500)} · transaction id: t-1`);
    expect(detailsText({ subject: null, props: { contributorId: 'c-1' } })).toBe('contributor id: c-1');
    expect(
      detailsText({ subject: { email: 'bob@example.com', role: 'contributor' }, props: { userId: 'x' } }),
    ).toBe('account: bob@example.com (contributor)');
  });

  it('names a membership event’s organisation and invitation instead of their ids', () => {
    const organisation = { name: 'Acme Data' };
    const ids = { organisationId: 'o-1', organisationName: 'Acme', invitationId: 'i-1' };
    expect(
      detailsText({
        subject: null,
        organisation,
        invitation: { email: 'rita@example.com', role: 'reviewer' },
        props: { ...ids, email: 'rita@example.com', role: 'reviewer' },
      }),
    ).toBe('organisation: Acme Data · email: rita@example.com · role: reviewer');
    // A revocation's record holds the ids alone.
    expect(
      detailsText({
        subject: null,
        organisation,
        invitation: { email: 'rita@example.com', role: 'admin' },
        props: { organisationId: 'o-1', invitationId: 'i-1' },
      }),
    ).toBe('organisation: Acme Data · invitation: rita@example.com (admin)');
    expect(
      detailsText({
        subject: { email: 'rita@example.com', role: 'reviewer' },
        organisation,
        invitation: { email: 'rita@example.com', role: 'admin' },
        props: { organisationId: 'o-1', invitationId: 'i-1', userId: 'u-1', role: 'admin' },
      }),
    ).toBe('organisation: Acme Data · account: rita@example.com (reviewer) · role: admin');
    // An organisation the server could not name keeps its id and name as logged.
    expect(detailsText({ subject: null, organisation: null, props: { organisationId: 'o-1' } })).toBe(
      'organisation id: o-1',
    );
  });

  it('is the properties alone for an event about no account', () => {
    expect(detailsText({ subject: null, props: { decision: 'accept' } })).toBe('decision: accept');
    expect(detailsText({ subject: null, props: {} })).toBe('');
  });
});

describe("propsText in the reviewer's words", () => {
  it('words decisions and reason codes as the review page does; unknown codes stay as written', () => {
    expect(
      propsText({
        decision: 'request_changes',
        reasonCodes: ['structure.label-quality', 'fit.not-requested'],
      }),
    ).toBe(
      'decision: ask for changes · reasons: Labels wrong, inconsistent or unbalanced; Not what we asked for',
    );
    expect(propsText({ decision: 'maybe', reasonCodes: ['made.up'] })).toBe(
      'decision: maybe · reasons: made.up',
    );
  });

  it('writes durations in seconds, minutes or hours, and server timestamps as local times', () => {
    expect(propsText({ timeSpentMs: 4_600 })).toBe('time spent: 5 s');
    expect(propsText({ timeSpentMs: 200_000, waitMs: 7_500_000 })).toBe(
      'time spent: 3 min 20 s · wait: 2 h 5 min',
    );
    expect(propsText({ timeSpentMs: -1 })).toBe('time spent ms: -1');
    const deadline = '2026-12-03T14:00:00.000Z';
    expect(propsText({ deadline })).toBe(`deadline: ${new Date(deadline).toLocaleString()}`);
    expect(propsText({ note: '2026-12-03' })).toBe('note: 2026-12-03');
  });
});

describe('durationText', () => {
  it('rounds to the second and drops a zero remainder', () => {
    expect(durationText(0)).toBe('0 s');
    expect(durationText(59_499)).toBe('59 s');
    expect(durationText(60_000)).toBe('1 min');
    expect(durationText(3_600_000)).toBe('1 h');
    expect(durationText(90_061_000)).toBe('25 h 1 min');
  });
});

describe('details an operator reads', () => {
  it('shows scores whole, names the wizard step, and leaves out the request the Request column names', () => {
    expect(propsText({ overall: 99.6, structure: 99.5, enterpriseGrade: true })).toBe(
      'overall: 99 · structure: 99 · enterprise grade: yes',
    );
    expect(propsText({ field: 'provenance.attestation', step: 3 })).toBe(
      'field: Attestation · step: 4 (Datasheet)',
    );
    expect(propsText({ step: 17 })).toBe('step: 17');
    expect(detailsText({ subject: null, request: { id: 'r-1' }, props: { requestId: 'r-1', rows: 3 } })).toBe(
      'rows: 3',
    );
    // A draft started for no request said "request id: null".
    expect(detailsText({ subject: null, request: null, props: { requestId: null } })).toBe('');
    expect(detailsText({ subject: null, request: null, props: { requestId: 'r-2' } })).toBe(
      'request id: r-2',
    );
  });
});
