/** A unit to chart durations in, so that the largest reads as a number of a sensible size. */
export interface DurationUnit {
  /** Short, for legends: `s`, `min`, `h` or `days`. */
  label: string;
  /** In words, for captions: `seconds`, `minutes`, `hours` or `days`. */
  name: string;
  /** Milliseconds in one unit. */
  ms: number;
}

const UNITS: DurationUnit[] = [
  { label: 's', name: 'seconds', ms: 1000 },
  { label: 'min', name: 'minutes', ms: 60_000 },
  { label: 'h', name: 'hours', ms: 3_600_000 },
  { label: 'days', name: 'days', ms: 86_400_000 },
];

/**
 * The largest unit the longest duration fills at least twice (seconds when it is shorter than that): a
 * first week of reviews answered in minutes would otherwise chart as bars of 0.0 hours, invisible.
 */
export function durationUnit(longestMs: number): DurationUnit {
  let unit = UNITS[0]!;
  for (const candidate of UNITS) if (longestMs >= 2 * candidate.ms) unit = candidate;
  return unit;
}

/** `ms` in `unit`, to one decimal; null stays null. */
export function inUnit(ms: number | null, unit: DurationUnit): number | null {
  return ms === null ? null : Math.round((ms / unit.ms) * 10) / 10;
}
