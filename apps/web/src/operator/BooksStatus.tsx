import { Alert, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { QueryError } from '../components/QueryError.tsx';
import { formatMoney } from '../lib/money.ts';
import { type RouterOutputs, useTRPC } from '../lib/trpc.ts';

/**
 * Whether the books balance (`ledger.audit`): every entry of the double-entry ledger sums to zero, and so
 * does every transaction. One quiet line when they do; an alert naming the transactions when they do not.
 */
export function BooksStatus() {
  const trpc = useTRPC();
  const audit = useQuery(trpc.ledger.audit.queryOptions());
  if (audit.error) {
    return (
      <QueryError
        error={audit.error}
        onRetry={() => void audit.refetch()}
        title="Could not check the books"
      />
    );
  }
  return audit.data ? <BooksStatusView books={audit.data} /> : null;
}

/** What {@link BooksStatus} shows for an audit's result. */
export function BooksStatusView({ books }: { books: RouterOutputs['ledger']['audit'] }) {
  const size = `${books.transactionCount.toLocaleString()} ${books.transactionCount === 1 ? 'transaction' : 'transactions'}, ${books.entryCount.toLocaleString()} ${books.entryCount === 1 ? 'entry' : 'entries'}`;
  if (books.isBalanced) {
    return (
      <Text size="sm" c="dimmed" data-testid="books-status">
        The books balance: {size}, summing to {formatMoney(0)}.
      </Text>
    );
  }
  return (
    // An alert though it is there on load: books that do not balance are a fault to hear of at once.
    <Alert color="red" title="The books do not balance" role="alert" data-testid="books-status">
      {size} sum to {formatMoney(books.sumCents)}.
      {books.unbalancedTransactions.length > 0 &&
        ` Transactions that do not sum to zero: ${books.unbalancedTransactions
          .map((t) => `${t.transactionId} (${formatMoney(t.sumCents)})`)
          .join(', ')}.`}
    </Alert>
  );
}
