import type { Notification } from '@assay/schema';
import { formatMoney } from '../lib/money.ts';

type Role = 'contributor' | 'reviewer' | 'operator';

/** What a notification says, in one sentence, and the page that shows what it is about. */
export function notificationText(notification: Notification, role: Role): { text: string; href: string } {
  const { title, versionNumber, request } = notification;
  const version = `version ${versionNumber} of “${title}”`;
  const forRequest = request ? ` for “${request.title}”` : '';
  const href =
    role === 'reviewer'
      ? `/review/versions/${notification.versionId}`
      : role === 'operator'
        ? '/operator/activity'
        : `/submissions/${notification.submissionId}`;

  switch (notification.kind) {
    case 'scored': {
      // Not "below": an error withholds the grade from a high score too. Rounded as the report shows it.
      const grade = notification.isEnterpriseGrade
        ? 'enterprise grade'
        : 'not enterprise grade yet: the findings say what to fix';
      return {
        text: `${capitalise(version)}${forRequest} scored ${roundedScore(notification.score)}, ${grade}.`,
        href,
      };
    }
    case 'scoring_failed':
      return {
        text:
          role === 'operator'
            ? `Scoring ${version} failed on every attempt; it went back to its contributor as a draft.`
            : `Scoring ${version} failed on every attempt. Your draft is kept: submit it again.`,
        href,
      };
    case 'decided': {
      if (notification.decision === 'accept') {
        const paid = notification.rewardCents ? `: you earned ${formatMoney(notification.rewardCents)}` : '';
        return { text: `${capitalise(version)} was accepted${forRequest}${paid}.`, href };
      }
      if (notification.decision === 'reject') {
        return { text: `${capitalise(version)} was rejected${forRequest}. See the reasons.`, href };
      }
      return {
        text: `The reviewer asked for changes to ${version}${forRequest}. See what to change.`,
        href,
      };
    }
    case 'arrived': {
      const to = `“${request?.title ?? 'a request'}”`;
      const scored = `${version}, scored ${roundedScore(notification.score)}`;
      // Said as it is now: an arrival decided (or withdrawn) since is no longer waiting.
      return notification.versionState === 'in_review'
        ? { text: `A new submission to ${to} is waiting: ${scored}.`, href }
        : {
            text: `A submission to ${to} arrived: ${scored}; ${SINCE[notification.versionState] ?? `${notification.versionState.replace('_', ' ')} since`}.`,
            href,
          };
    }
    case 'request_closed': {
      const closed = `“${request?.title ?? 'The request'}” closed`;
      const offer = 'Open it to offer its data to another request.';
      const { versionState } = notification;
      if (versionState === 'draft')
        return { text: `${closed} before your draft “${title}” went in. ${offer}`, href };
      if (versionState === 'changes_requested')
        return { text: `${closed} before you sent the changes asked for on “${title}”. ${offer}`, href };
      return { text: `${closed}: ${version} can no longer go to it.`, href };
    }
  }
}

/** What became of an arrival that no longer waits. */
const SINCE: Record<string, string> = {
  accepted: 'accepted since',
  rejected: 'rejected since',
  changes_requested: 'changes requested since',
  withdrawn: 'withdrawn by its contributor since',
  superseded: 'replaced by a newer version since',
};

const roundedScore = (score: number | null) => (score === null ? '–' : String(Math.round(score)));

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
