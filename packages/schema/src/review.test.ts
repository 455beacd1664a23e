import { describe, expect, it } from 'vitest';
import {
  decodeQueueCursor,
  encodeQueueCursor,
  type QueueCursor,
  REVIEW_TIME_SPENT_MAX_MS,
  ReviewInputSchema,
  ReviewQueueInputSchema,
  reviewTimeSpentMs,
} from './review.ts';

const cursor: QueueCursor = {
  sort: 'score',
  order: 'desc',
  value: 83.7,
  versionId: '2e0c7f9f-a992-4e7a-ad97-298aa522a819',
};

describe('the review queue cursor', () => {
  it('reads back what it wrote, as URL-safe text', () => {
    for (const value of [83.7, 0, 100, 1_767_225_600_123, 0.1 + 0.2]) {
      const text = encodeQueueCursor({ ...cursor, value });
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeQueueCursor(text)).toEqual({ ...cursor, value });
    }
  });

  it.each([
    ['not base64', 'not a cursor!'],
    ['not JSON', btoa('score desc')],
    ['not an array', btoa('{"sort":"score"}')],
    ['an unknown sort', btoa(JSON.stringify(['contributor_id', 'desc', 1, cursor.versionId]))],
    ['a value that is not a number', btoa(JSON.stringify(['score', 'desc', '83.7', cursor.versionId]))],
    ['an id that is not a uuid', btoa(JSON.stringify(['score', 'desc', 83.7, '1 or 1=1']))],
    ['nothing', ''],
  ])('is null for %s', (_, text) => {
    expect(decodeQueueCursor(text)).toBeNull();
  });

  it('is a field error on cursor when it is not one, or is for another order', () => {
    const text = encodeQueueCursor(cursor);
    expect(ReviewQueueInputSchema.parse({ sort: 'score', order: 'desc', cursor: text }).cursor).toEqual(
      cursor,
    );
    for (const input of [
      { cursor: 'garbage' },
      { sort: 'age', order: 'desc', cursor: text },
      { sort: 'score', order: 'asc', cursor: text },
    ]) {
      const result = ReviewQueueInputSchema.safeParse(input);
      expect(result.error?.issues.map((issue) => issue.path)).toEqual([['cursor']]);
    }
  });
});

describe('ReviewInputSchema messages', () => {
  const valid = {
    versionId: cursor.versionId,
    decision: 'reject',
    reasonCodes: ['structure.duplicates'],
    comment: 'Half the rows are copies of the other half.',
  };
  it.each(
    [
      [{ comment: 'c'.repeat(5001) }, 'comment', 'Keep the comment to at most 5,000 characters'],
      [{ comment: '   ' }, 'comment', 'Explain the decision in a comment'],
      [{ reasonCodes: [] }, 'reasonCodes', 'Choose at least one reason'],
      [{ reasonCodes: ['made.up'] }, 'reasonCodes.0', 'Choose reasons from the list'],
      [{ decision: 'maybe' }, 'decision', 'Choose a decision: accept, reject or ask for changes'],
    ].map(([change, path, message]) => ({ change: change as Record<string, unknown>, path, message })),
  )('is refused at $path: $message', ({ change, path, message }) => {
    const result = ReviewInputSchema.safeParse({ ...valid, ...change });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      [path, message],
    ]);
  });

  it('takes a comment of exactly 5,000 characters', () => {
    expect(ReviewInputSchema.safeParse({ ...valid, comment: 'c'.repeat(5000) }).success).toBe(true);
  });
});

describe('reviewTimeSpentMs', () => {
  it('is the time since the page opened, at most a day and never negative, as the schema takes it', () => {
    const opened = Date.parse('2026-12-01T09:00:00Z');
    expect(reviewTimeSpentMs(opened, opened + 90_000.4)).toBe(90_000);
    expect(reviewTimeSpentMs(opened, opened + 25 * 3_600_000)).toBe(REVIEW_TIME_SPENT_MAX_MS);
    expect(reviewTimeSpentMs(opened, opened - 5_000)).toBe(0);
    const input = {
      versionId: crypto.randomUUID(),
      decision: 'accept',
      reasonCodes: ['accept.high-quality'],
    };
    for (const timeSpentMs of [REVIEW_TIME_SPENT_MAX_MS, 0])
      expect(ReviewInputSchema.safeParse({ ...input, comment: 'Fits', timeSpentMs }).success).toBe(true);
    expect(
      ReviewInputSchema.safeParse({ ...input, comment: 'Fits', timeSpentMs: REVIEW_TIME_SPENT_MAX_MS + 1 })
        .success,
    ).toBe(false);
  });
});
