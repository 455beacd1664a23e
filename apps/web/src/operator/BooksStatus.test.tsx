import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BooksStatusView } from './BooksStatus.tsx';

function show(books: Parameters<typeof BooksStatusView>[0]['books']) {
  render(
    <MantineProvider>
      <BooksStatusView books={books} />
    </MantineProvider>,
  );
  return screen.getByTestId('books-status');
}

describe('BooksStatusView', () => {
  it('says quietly that balanced books balance', () => {
    const status = show({
      entryCount: 1,
      transactionCount: 1,
      sumCents: 0,
      unbalancedTransactions: [],
      isBalanced: true,
    });
    expect(status.getAttribute('role')).toBeNull();
    expect(status.textContent).toMatch(/^The books balance: 1 transaction, 1 entry, summing to .0\.00\.$/);
  });

  it('raises an alert naming each transaction that does not sum to zero', () => {
    const status = show({
      entryCount: 5,
      transactionCount: 2,
      sumCents: 250,
      unbalancedTransactions: [{ transactionId: 'tx-7', sumCents: 250 }],
      isBalanced: false,
    });
    expect(status.getAttribute('role')).toBe('alert');
    expect(status.textContent).toContain('The books do not balance');
    expect(status.textContent).toContain('2 transactions, 5 entries sum to');
    expect(status.textContent).toMatch(/Transactions that do not sum to zero: tx-7 \(.2\.50\)\./);
  });
});
