import { describe, expect, it } from 'vitest';
import { pendingText } from './pending-text.ts';

describe('pendingText', () => {
  it('says nothing when nothing keeps the request open', () => {
    expect(pendingText({ awaitingDecision: 0, beingScored: 0 })).toBeNull();
  });
  it('counts submissions in review, and those still being scored', () => {
    expect(pendingText({ awaitingDecision: 1, beingScored: 0 })).toBe(
      '1 submission awaits your decision: decide it before closing the request.',
    );
    expect(pendingText({ awaitingDecision: 3, beingScored: 0 })).toBe(
      '3 submissions await your decision: decide them before closing the request.',
    );
    expect(pendingText({ awaitingDecision: 0, beingScored: 1 })).toBe(
      '1 submission is being scored: decide it once scored, then close the request.',
    );
    expect(pendingText({ awaitingDecision: 1, beingScored: 2 })).toBe(
      '1 submission awaits your decision and 2 are being scored: decide them before closing the request.',
    );
  });
});
