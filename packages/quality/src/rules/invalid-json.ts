import { defineRule, fail, hasData, isReadable, PASS, plural, rowLocations, shareOutcome } from './rule.ts';

/** JSON Lines whose lines are not valid JSON, or are JSON but not an object. */
export const invalidJson = defineRule({
  code: 'structure.invalid-json',
  dimension: 'structure',
  severity: 'error',
  weight: 6,
  title: 'Invalid JSON lines',
  evaluate: ({ evidence }) => {
    if (evidence.format !== 'jsonl' || !isReadable(evidence)) return null;
    const findings = [];
    if (evidence.invalidJson.count > 0) {
      findings.push({
        message: `${plural(evidence.invalidJson.count, 'line is', 'lines are')} not valid JSON.`,
        hint: 'Write exactly one JSON object per line, with double-quoted keys and strings and no trailing commas.',
        ...rowLocations(evidence.invalidJson),
      });
    }
    if (evidence.notObject.count > 0) {
      findings.push({
        message: `${plural(evidence.notObject.count, 'line holds', 'lines hold')} JSON that is not an object (an array, a string or a number).`,
        hint: 'Each line must be one object such as {"text": "…", "label": "…"}.',
        ...rowLocations(evidence.notObject),
      });
    }
    if (findings.length === 0) return hasData(evidence) ? PASS : null;
    const bad = evidence.invalidJson.count + evidence.notObject.count;
    return fail(findings, shareOutcome(bad, evidence.rows, 0.05));
  },
});
