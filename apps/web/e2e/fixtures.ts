/** A small labeled CSV like a contributor's: support tickets labeled by urgency. */
export function ticketsCsv(rows = 60, extraLabel?: string): string {
  const texts = [
    'The site is down for all our customers',
    'How do I change my billing address',
    'Checkout fails with error 500',
    'Please add a dark mode',
    'Database unreachable since this morning',
    'Can I get an invoice copy for March',
    'Login page times out for everyone',
    'Question about the API rate limits',
  ];
  const lines = ['text,urgency,created'];
  for (let i = 0; i < rows; i++) {
    const text = `${texts[i % texts.length]} (ticket ${i + 1})`;
    const urgency = i % 2 === 0 ? 'high' : 'low';
    const day = String((i % 28) + 1).padStart(2, '0');
    lines.push(`"${text}",${urgency},2025-03-${day}`);
  }
  if (extraLabel)
    lines.push(
      `"A ticket with a strange label",${JSON.stringify(extraLabel).slice(1, -1).replaceAll(',', ' ')},2025-03-02`,
    );
  return `${lines.join('\n')}\n`;
}
