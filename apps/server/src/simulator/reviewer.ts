import type { ReasonCode } from '@assay/schema';
import { DEFECTS, type Defect, severityOf } from './dataset.ts';
import type { Random } from './random.ts';

export interface SimDecision {
  decision: 'accept' | 'reject' | 'request_changes';
  reasonCodes: ReasonCode[];
  comment: string;
}

/**
 * A simulated reviewer decides from the ground truth (the defects really injected) and their organisation's
 * strictness — never from Assay's score, so the acceptance curve tests whether the score predicts decisions.
 *
 *   P(accept) = 1 / (1 + e^−(2.5 − 1.4 · (0.6 + strictness) · severity))
 *
 * A copy is always rejected. Otherwise a non-acceptance asks for changes when the defects could be fixed
 * (60%), else rejects; reasons are the reason codes of the defects present.
 */
export function decideFromTruth(
  random: Random,
  defects: ReadonlySet<Defect>,
  strictness: number,
): SimDecision {
  if (defects.has('copied')) {
    return {
      decision: 'reject',
      reasonCodes: ['provenance.copied'],
      comment: "This is a copy of someone else's data.",
    };
  }
  const severity = severityOf(defects);
  const pAccept = 1 / (1 + Math.exp(-(2.5 - 1.4 * (0.6 + strictness) * severity)));
  if (random.chance(pAccept)) {
    return {
      decision: 'accept',
      reasonCodes: [severity === 0 ? 'accept.high-quality' : 'accept.meets-requirements'],
      comment: 'Meets our requirements.',
    };
  }
  const reasons = [...new Set([...defects].map((defect) => DEFECTS[defect].reason as ReasonCode))];
  if (reasons.length === 0) reasons.push('fit.not-requested');
  return {
    decision: random.chance(0.6) ? 'request_changes' : 'reject',
    reasonCodes: reasons.slice(0, 10),
    comment: `Please address: ${reasons.join(', ')}.`,
  };
}
