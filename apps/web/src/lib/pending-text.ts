import type { RequestPending } from '@assay/schema';

/**
 * What the request editor says keeps a request open (null when nothing does): submissions in review, and
 * those still being scored, which reach the queue once scored. Closing waits for a decision on each.
 */
export function pendingText({ awaitingDecision, beingScored }: RequestPending): string | null {
  const total = awaitingDecision + beingScored;
  if (total === 0) return null;
  const submissions = (n: number) => (n === 1 ? '1 submission' : `${n} submissions`);
  const awaiting = `${awaitingDecision === 1 ? 'awaits' : 'await'} your decision`;
  const scoring = `${beingScored === 1 ? 'is' : 'are'} being scored`;
  if (beingScored === 0)
    return `${submissions(awaitingDecision)} ${awaiting}: decide ${total === 1 ? 'it' : 'them'} before closing the request.`;
  if (awaitingDecision === 0)
    return `${submissions(beingScored)} ${scoring}: decide ${total === 1 ? 'it' : 'them'} once scored, then close the request.`;
  return `${submissions(awaitingDecision)} ${awaiting} and ${beingScored} ${scoring}: decide them before closing the request.`;
}
