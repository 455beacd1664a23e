import { expect, it } from 'vitest';
import { recordText } from './record-text.ts';

it.each([
  [{ accepted: 0, decided: 0 }, 'No other submission of theirs has been decided yet.'],
  [{ accepted: 1, decided: 1 }, 'Accepted 1 of their 1 other decided submission.'],
  [{ accepted: 1, decided: 4 }, 'Accepted 1 of their 4 other decided submissions.'],
])('%o reads "%s"', (record, text) => {
  expect(recordText(record)).toBe(text);
});
