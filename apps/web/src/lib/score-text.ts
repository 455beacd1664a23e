/**
 * A score as people read it: a whole number, but never 100 for a score below it. Rounded up, 99.5 read
 * "100" beside the error that kept it from 100, which QA took for a contradiction.
 */
export function scoreText(score: number): string {
  return String(Math.min(Math.round(score), score < 100 ? 99 : 100));
}
