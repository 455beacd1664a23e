import type { Notification } from '@assay/schema';
import { deadlineText } from '../lib/deadline-text.ts';
import { formatMoney } from '../lib/money.ts';
import { scoreText } from '../lib/score-text.ts';

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
      const { versionState } = notification;
      if (versionState === 'draft')
        return { text: `${closed} before your draft “${title}” went in. ${OFFER}`, href };
      if (versionState === 'changes_requested')
        return { text: `${closed} before you sent the changes asked for on “${title}”. ${OFFER}`, href };
      return { text: `${closed}: ${version} can no longer go to it.`, href };
    }
    case 'deadline_soon': {
      const when = notification.deadline === null ? 'soon' : `on ${deadlineText(notification.deadline)}`;
      const due = `“${request?.title ?? 'The request'}” stops taking submissions ${when}`;
      // Said as it is now: a draft submitted or withdrawn since needs no reminding.
      return notification.versionState === 'draft'
        ? { text: `${due}: your draft “${title}” is not submitted yet.`, href }
        : { text: `${due}.`, href };
    }
    case 'deadline_passed': {
      const passed = `“${request?.title ?? 'The request'}” passed its deadline`;
      return notification.versionState === 'draft'
        ? { text: `${passed} before your draft “${title}” went in. ${OFFER}`, href }
        : { text: `${passed}: ${version} can no longer go to it.`, href };
    }
  }
}

/** What a contributor whose draft a request no longer takes can do: its page offers it to another. */
const OFFER = 'Open it to offer its data to another request.';

/** What became of an arrival that no longer waits. */
const SINCE: Record<string, string> = {
  accepted: 'accepted since',
  rejected: 'rejected since',
  changes_requested: 'changes requested since',
  withdrawn: 'withdrawn by its contributor since',
  superseded: 'replaced by a newer version since',
};

const roundedScore = (score: number | null) => (score === null ? '–' : scoreText(score));

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
