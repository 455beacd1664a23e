import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUEUE_FILTER,
  queueFilterOf,
  queueInputOf,
  queuePath,
  queueSearchOf,
} from './queue-filter.ts';

const REQUEST = '0b7c3a52-52a4-4d4b-9b7e-3f6f1c2d8e90';

describe('queueFilterOf', () => {
  it('reads the request, minimum score, sort and order from the URL', () => {
    expect(queueFilterOf(new URLSearchParams(`request=${REQUEST}&min=70&sort=score&order=desc`))).toEqual({
      requestId: REQUEST,
      minScore: 70,
      sort: 'score',
      order: 'desc',
    });
  });

  it('leaves at its default what the queue does not take', () => {
    for (const search of [
      '',
      'min=&sort=size&order=up',
      'min=101',
      'min=-1',
      'min=abc',
      'request=',
      'request=d',
    ]) {
      expect(queueFilterOf(new URLSearchParams(search)), search).toEqual(DEFAULT_QUEUE_FILTER);
    }
    expect(queueFilterOf(new URLSearchParams('min=0')).minScore).toBe(0);
    expect(queueFilterOf(new URLSearchParams('min=62.5')).minScore).toBe(62.5);
  });
});

describe('queueSearchOf and queuePath', () => {
  it('write only what differs from the default, and round-trip through queueFilterOf', () => {
    expect(queuePath(DEFAULT_QUEUE_FILTER)).toBe('/review');
    const filter = { requestId: REQUEST, minScore: 0, sort: 'age', order: 'desc' } as const;
    expect(queuePath(filter)).toBe(`/review?request=${REQUEST}&min=0&order=desc`);
    expect(queueFilterOf(queueSearchOf(filter))).toEqual(filter);
  });

  it('keep other params (the page size) and replace the filter', () => {
    const search = queueSearchOf(
      { ...DEFAULT_QUEUE_FILTER, sort: 'score' },
      new URLSearchParams('limit=2&sort=age&min=50'),
    );
    expect(search.toString()).toBe('limit=2&sort=score');
  });
});

describe('queueInputOf', () => {
  it('asks the server for the filter, leaving out what is not set', () => {
    expect(queueInputOf(DEFAULT_QUEUE_FILTER, 1)).toEqual({ sort: 'age', order: 'asc', limit: 1 });
    expect(queueInputOf({ requestId: REQUEST, minScore: 0, sort: 'score', order: 'desc' }, 100)).toEqual({
      sort: 'score',
      order: 'desc',
      limit: 100,
      requestId: REQUEST,
      minScore: 0,
    });
  });
});
