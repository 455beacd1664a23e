import { isDateText, isDateTimeText } from './cell-checks.ts';

/** A problem with a declared timeframe: which end, what a contributor reads about it, and how to fix it. */
export interface TimeframeProblem {
  /** An end missing or not a date, or both ends dates but in the wrong order (said at the start). */
  kind: 'not-a-date' | 'reversed';
  field: 'context.timeframe.start' | 'context.timeframe.end';
  message: string;
  hint: string;
}

export const TIMEFRAME_HINT =
  'Give the first and last day the data covers as dates, e.g. 2025-03-01 to 2025-05-31.';

/**
 * What is wrong with a timeframe that has at least one end: an end that is missing or not an ISO date, or a
 * start after its end. `context.missing-timeframe` reports these, and the wizard's Datasheet says them at
 * the field once the contributor leaves it, so both read the same.
 */
export function timeframeProblems(
  timeframe: { start?: string | null; end?: string | null } | null | undefined,
): TimeframeProblem[] {
  const start = timeframe?.start;
  const end = timeframe?.end;
  const problems: TimeframeProblem[] = [];
  for (const [key, value] of [
    ['start', start],
    ['end', end],
  ] as const) {
    if (!isIsoDate(value)) {
      problems.push({
        kind: 'not-a-date',
        field: `context.timeframe.${key}`,
        message: value
          ? `The timeframe ${key} "${value.slice(0, 40)}" is not a date written YYYY-MM-DD.`
          : `The timeframe has no ${key} date.`,
        hint: TIMEFRAME_HINT,
      });
    }
  }
  if (problems.length === 0 && start! > end!) {
    problems.push({
      kind: 'reversed',
      field: 'context.timeframe.start',
      message: 'The timeframe starts after it ends.',
      hint: 'Swap the start and end dates.',
    });
  }
  return problems;
}

function isIsoDate(value: string | null | undefined): boolean {
  return !!value && (isDateText(value) || isDateTimeText(value));
}
