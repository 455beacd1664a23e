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
      const grade = notification.isEnterpriseGrade
        ? 'enterprise-grade'
        : 'below enterprise grade: the findings say what to fix';
      return { text: `${capitalise(version)} scored ${notification.score}, ${grade}.`, href };
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
    case 'arrived':
      return {
        text: `A new submission to “${request?.title ?? 'a request'}” is waiting: ${version}, scored ${notification.score ?? '–'}.`,
        href,
      };
  }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
