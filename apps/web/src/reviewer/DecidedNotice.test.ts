import { describe, expect, it } from 'vitest';
import { decidedText } from './DecidedNotice.tsx';
import { signedAtText } from './ReviewPage.tsx';

describe('decidedText', () => {
  const decided = { decision: 'accept', title: 'Support tickets', number: 2, waiting: 3 } as const;

  it('says the decision, the version and what is left, on the next review and on the queue', () => {
    expect(decidedText(decided, false)).toBe(
      'Accepted “Support tickets” v2. 3 more waiting: this is the next.',
    );
    expect(decidedText(decided, true)).toBe('Accepted “Support tickets” v2. 3 more waiting.');
    expect(decidedText({ ...decided, decision: 'reject', waiting: 0 }, true)).toBe(
      'Rejected “Support tickets” v2. Nothing else is waiting in this queue.',
    );
    expect(decidedText({ ...decided, decision: 'request_changes', waiting: 1 }, false)).toBe(
      'Asked for changes to “Support tickets” v2. 1 more waiting: this is the next.',
    );
  });

  it('says only the decision when the queue could not be read', () => {
    expect(decidedText({ ...decided, waiting: null }, true)).toBe('Accepted “Support tickets” v2.');
  });
});

describe('signedAtText', () => {
  it('writes a date and time as the locale does, and keeps text that is no date', () => {
    const at = '2025-06-01T10:00:00Z';
    expect(signedAtText(at)).toBe(new Date(at).toLocaleString());
    expect(signedAtText(at)).not.toContain('T10');
    expect(signedAtText('first of June')).toBe('first of June');
    expect(signedAtText(null)).toBe('');
    expect(signedAtText(undefined)).toBe('');
  });
});
