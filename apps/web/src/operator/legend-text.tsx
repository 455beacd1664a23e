/**
 * A chart legend's label in the page's text colour: recharts writes it in its series' colour, and the light
 * grey of "Wanted" and "Offered" was hard to read on white. The swatch beside it keeps the colour.
 */
export function legendText(value: string) {
  return <span style={{ color: 'var(--mantine-color-text)' }}>{value}</span>;
}
