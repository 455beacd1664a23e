import { EventEmitter } from 'node:events';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatFailureReport, type PageSnapshot, recordForFailureReport } from './failure-report.ts';

const NOW = 1_000_000;

const snapshot = (overrides: Partial<PageSnapshot> = {}): PageSnapshot => ({
  url: 'http://localhost:4000/',
  watchedIn: 'a draft is discarded',
  text: { value: 'My submissions\n\n\nKept draft\tdraft' },
  errors: [],
  failedRequests: [],
  finishedRequests: [],
  pendingRequests: [],
  ...overrides,
});

describe('formatFailureReport', () => {
  it('says where the page was, what it showed, and that nothing went wrong in it', () => {
    expect(formatFailureReport(snapshot(), NOW)).toBe(
      [
        '──── Page at failure: http://localhost:4000/ (watched since “a draft is discarded”)',
        'Visible text (31 characters):',
        '  | My submissions',
        '  | Kept draft\tdraft',
        'Console and page errors: none',
        'Failed requests: none',
        'Pending requests: none',
        'Last requests answered: none',
      ].join('\n'),
    );
  });

  it('lists errors and requests with how long before the failure they came, a pending one with its wait', () => {
    const report = formatFailureReport(
      snapshot({
        watchedIn: null,
        errors: [{ at: NOW - 1_500, text: 'console: Warning: each child needs a key' }],
        failedRequests: [
          {
            at: NOW - 12_000,
            text: 'POST http://localhost:4000/api/trpc/submission.withdraw → 500 in 40 ms',
          },
        ],
        pendingRequests: [{ at: NOW - 44_250, text: 'GET http://localhost:4000/api/trpc/submission.list' }],
        finishedRequests: [
          { at: NOW - 100, text: 'GET http://localhost:4000/api/trpc/account.me → 200 in 5 ms' },
        ],
      }),
      NOW,
    );
    expect(report.split('\n').slice(0, 1)).toEqual(['──── Page at failure: http://localhost:4000/']);
    expect(report).toContain(
      [
        'Console and page errors:',
        '  -1.5 s  console: Warning: each child needs a key',
        'Failed requests:',
        '  -12.0 s  POST http://localhost:4000/api/trpc/submission.withdraw → 500 in 40 ms',
        'Pending requests:',
        '  waiting 44.3 s  GET http://localhost:4000/api/trpc/submission.list',
        'Last requests answered:',
        '  -0.1 s  GET http://localhost:4000/api/trpc/account.me → 200 in 5 ms',
      ].join('\n'),
    );
  });

  it('cuts a long text at the limit, saying so, and says why a text could not be read', () => {
    const long = formatFailureReport(snapshot({ text: { value: 'x'.repeat(50) } }), NOW, 10);
    expect(long).toContain('Visible text (50 characters, the first 10):\n  | xxxxxxxxxx…\n');
    const unread = formatFailureReport(snapshot({ text: { error: 'Target page has been closed' } }), NOW);
    expect(unread).toContain('Visible text: not read (Target page has been closed)\n');
  });
});

describe('recordForFailureReport', () => {
  it('lets a request go whose answer can no longer be read, the page closed: no unhandled rejection', async () => {
    const page = new EventEmitter() as EventEmitter & { url: () => string };
    page.url = () => 'http://localhost:4000/';
    recordForFailureReport(page as unknown as Page);
    const request = {
      method: () => 'GET',
      url: () => 'http://localhost:4000/api/trpc/submission.list',
      response: () =>
        Promise.reject(new Error('request.response: Target page, context or browser has been closed')),
    };
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      page.emit('request', request);
      page.emit('requestfinished', request);
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('unhandledRejection', onRejection);
      page.emit('close');
    }
    expect(rejections).toEqual([]);
  });
});
