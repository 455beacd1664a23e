import { describe, expect, it } from 'vitest';
import { maskPersonalData, piiKinds } from './pii.ts';

describe('maskPersonalData', () => {
  it('replaces e-mail addresses, phone and card numbers by their kind, and keeps the rest', () => {
    expect(maskPersonalData('Write to jane.doe@example.com about it')).toBe('Write to [email] about it');
    expect(maskPersonalData('a@b.io and c.d@e.co.uk')).toBe('[email] and [email]');
    expect(maskPersonalData('Call +44 20 7946 0958 today')).toBe('Call [phone] today');
    expect(maskPersonalData('Card 4111 1111 1111 1111, exp 12/27')).toBe('Card [card], exp 12/27');
  });

  it('keeps what is no personal data: dates, decimals, short numbers, plain text', () => {
    for (const text of [
      'Ticket 12 about the invoice',
      'Opened 2025-03-02 at 10:30',
      'p = 0.5318864320452936',
      'Total 1,234,567.89',
      '',
    ]) {
      expect(maskPersonalData(text)).toBe(text);
    }
  });

  it('leaves nothing the scorer would find', () => {
    for (const text of [
      'jane.doe@example.com, +1 (555) 123-4567 and 5500 0000 0000 0004',
      'ids 0123456789 and 9876543210',
      'x@y.zz x@y.zz',
    ]) {
      expect(piiKinds(maskPersonalData(text), true)).toBe(0);
    }
  });
});
