import { defineRule, fail, PASS } from './rule.ts';

/** Fewest decided earlier submissions before a contributor's record counts: two rejections are bad luck. */
export const MIN_DECIDED = 3;
/** Share of earlier submissions accepted below which the record is reported. */
export const LOW_ACCEPTANCE = 0.5;

/**
 * Most of the contributor's earlier submissions that reviewers decided were rejected. An enterprise weighs
 * who stands behind the data (DESIGN.md, provenance: "the contributor's history"). Applies only when the
 * caller gives the record (the server, and the contributor's own pre-score) and it holds
 * {@link MIN_DECIDED} decisions. Reported, it scores 0: a partial outcome would raise the provenance score
 * of a file already below it, and a poor record must never count in a file's favour.
 */
export const contributorRecord = defineRule({
  code: 'provenance.contributor-record',
  dimension: 'provenance',
  severity: 'warning',
  weight: 4,
  title: 'Earlier submissions mostly rejected',
  evaluate: ({ contributorRecord: record }) => {
    if (record === null || record.decided < MIN_DECIDED) return null;
    if (record.accepted / record.decided >= LOW_ACCEPTANCE) return PASS;
    return fail([
      {
        message: `Reviewers accepted ${record.accepted} of the ${record.decided} earlier submissions by this contributor that they decided.`,
        hint: 'Read the reasons reviewers gave on the earlier submissions (under My submissions) and fix the same problems in this one before you submit.',
        count: record.decided - record.accepted,
      },
    ]);
  },
});
