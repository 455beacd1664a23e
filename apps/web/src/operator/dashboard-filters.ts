import { IdSchema } from '@assay/schema';
/**
 * The dashboard's filters as the operator types them, checked: a value that is not one is said at its
 * field and the charts keep the last value that was. Before, 150 % or -3 hours were silently ignored, and
 * 100,000 hours reached the server, whose refusal showed above the page, not at the field.
 */

/** Hours without activity after which a never-submitted draft counts as abandoned, until changed. */
export const DEFAULT_IDLE_HOURS = 72;
/** The acceptance rate whose score the curve reads off (and the threshold card offers), in percent. */
export const DEFAULT_TARGET_PERCENT = 80;
/** The most hours idle the server takes: a year. */
export const MAX_IDLE_HOURS = 24 * 365;

/** What a number field holds: a number, or the text typed while it is not one yet. */
export type Typed = number | string;

export function idleHoursError(value: Typed): string | null {
  if (typeof value !== 'number' || !(value > 0) || value > MAX_IDLE_HOURS) {
    return `Enter the hours idle: more than 0, at most ${MAX_IDLE_HOURS.toLocaleString('en-US')} (a year)`;
  }
  return null;
}

export function targetPercentError(value: Typed): string | null {
  if (typeof value !== 'number' || !(value >= 1) || value > 99) {
    return 'Enter the acceptance to aim for, from 1 to 99 %';
  }
  return null;
}

/** The filters the dashboard's address keeps (`?from=2026-11-01&to=…&request=…&idle=48&target=75`). */
export interface DashboardFilters {
  from: string;
  to: string;
  requestId: string | null;
  idleHours: number;
  targetPercent: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters in an address; anything missing or not valid there is the default. */
export function filtersOfSearch(search: URLSearchParams): DashboardFilters {
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  const idle = Number(search.get('idle'));
  const target = Number(search.get('target'));
  return {
    from: DAY.test(from) ? from : '',
    to: DAY.test(to) ? to : '',
    // An id that is no request's would be refused by the server, above the page: it is left out instead.
    requestId: IdSchema.safeParse(search.get('request')).success ? search.get('request') : null,
    idleHours: search.has('idle') && idleHoursError(idle) === null ? idle : DEFAULT_IDLE_HOURS,
    targetPercent:
      search.has('target') && targetPercentError(target) === null ? target : DEFAULT_TARGET_PERCENT,
  };
}

/** The address's search for the filters, without the defaults, so a plain dashboard keeps a plain address. */
export function searchOfFilters(filters: DashboardFilters): Record<string, string> {
  return {
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(filters.requestId ? { request: filters.requestId } : {}),
    ...(filters.idleHours !== DEFAULT_IDLE_HOURS ? { idle: String(filters.idleHours) } : {}),
    ...(filters.targetPercent !== DEFAULT_TARGET_PERCENT ? { target: String(filters.targetPercent) } : {}),
  };
}
