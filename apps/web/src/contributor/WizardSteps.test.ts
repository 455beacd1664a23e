import { describe, expect, it } from 'vitest';
import { stepName, stepOfUrl } from './WizardSteps.tsx';

// The browser's Back left the wizard: its step was React state only. It is now `?step=` in the URL.
describe('the step in the URL', () => {
  it('names the steps by their labels', () => {
    expect([1, 2, 3, 4, 5].map(stepName)).toEqual(['file', 'preview', 'datasheet', 'pre-score', 'submit']);
  });

  it('shows the step named, or the opening step without a name or with an unknown one', () => {
    expect(stepOfUrl('datasheet', 2, 5)).toBe(3);
    expect(stepOfUrl('pre-score', 2, 5)).toBe(4);
    expect(stepOfUrl(null, 4, 5)).toBe(4);
    expect(stepOfUrl('request', 2, 5)).toBe(2);
    expect(stepOfUrl('Datasheet', 2, 5)).toBe(2);
  });

  it('never shows a step past the furthest the draft can go (the file step before a file)', () => {
    expect(stepOfUrl('submit', 1, 1)).toBe(1);
    expect(stepOfUrl(null, 3, 1)).toBe(1);
  });
});
