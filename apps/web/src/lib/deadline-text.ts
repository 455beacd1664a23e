/**
 * A deadline with its time, in the reader's own zone and words ("3 Dec 2026, 14:00"): on the last day,
 * "12/3/2026" did not say until when. Contributors' request list, notifications and reviewers' list.
 */
export function deadlineText(deadline: string): string {
  return new Date(deadline).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
