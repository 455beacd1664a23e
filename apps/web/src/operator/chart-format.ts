import type { TooltipItemSorter } from 'recharts';

/**
 * How the dashboard's tooltips write their values, as the axes do. The defaults showed "Fitted P(accept) :
 * 0.00047117215369341976" beside an axis in %, "Accepted % : 18.2" without its sign, and a bar's raw key
 * ("count : 84"); and sorted a tooltip's lines by name, Accepted above Submitted, against the legend.
 */

/** A share from 0 to 1 as a percentage with one decimal ("47.1%"); no value as a dash. */
export function shareText(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? `${round1(value * 100)}%` : '—';
}

/** A percentage already from 0 to 100 with its sign ("18.2%"); no value as a dash. */
export function percentText(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? `${round1(value)}%` : '—';
}

/** A tooltip's lines in the order of `dataKeys` (the order the series are drawn and the legend lists them). */
export function inSeriesOrder(dataKeys: readonly string[]): TooltipItemSorter {
  return (item) => dataKeys.indexOf(String(item.dataKey));
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
