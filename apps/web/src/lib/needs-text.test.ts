import { describe, expect, it } from 'vitest';
import { needsText } from './needs-text.ts';

const none = {
  minRows: 0,
  requiredColumns: [],
  labelSet: [],
  acceptedLicenses: [],
  requiredConsentBasis: [],
  minQualityScore: 0,
};

describe('needsText', () => {
  it('names every requirement a request sets', () => {
    expect(
      needsText({
        minRows: 5000,
        requiredColumns: [{ name: 'text', type: 'string' }],
        labelSet: ['high', 'low'],
        acceptedLicenses: ['CC-BY-4.0'],
        requiredConsentBasis: ['consent'],
        minQualityScore: 70,
      }),
    ).toBe(
      'at least 5,000 rows · columns text (text) · labels high, low · licences CC-BY-4.0 · consent basis consent of the people in it · minimum score 70',
    );
  });

  it('leaves out what a request does not set', () => {
    expect(needsText({ ...none, labelSet: ['spam', 'ham'] })).toBe('labels spam, ham');
    expect(needsText(none)).toBe('nothing in particular');
  });
});
