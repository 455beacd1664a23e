/** An amount in cents as euros, in the reader's locale (money is kept in integer cents everywhere). */
export function formatMoney(cents: number): string {
  return (cents / 100).toLocaleString(undefined, { style: 'currency', currency: 'EUR' });
}
