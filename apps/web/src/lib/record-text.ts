import type { ContributorRecord } from '@assay/quality';

/** A contributor's track record in one line, for reviewers: what was decided on their other submissions. */
export function recordText({ accepted, decided }: ContributorRecord): string {
  if (decided === 0) return 'No other submission of theirs has been decided yet.';
  return `Accepted ${accepted} of their ${decided} other decided ${decided === 1 ? 'submission' : 'submissions'}.`;
}
