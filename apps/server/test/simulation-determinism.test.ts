import { describe, expect, it } from 'vitest';
import { startInProcessServer } from '../src/simulator/in-process.ts';
import { runSimulation, type SimulationResult, summaryLines } from '../src/simulator/run-simulation.ts';
import { installSimulatedClock } from '../src/simulator/sim-clock.ts';

const DAY = 86_400_000;

/** A small simulation on a fresh in-process server (SQLite, simulated time), as `npm run simulate` runs one. */
async function simulate(seed: number): Promise<SimulationResult> {
  const clock = installSimulatedClock(Date.now() - 14 * DAY);
  const app = await startInProcessServer({});
  try {
    return await runSimulation({
      url: app.url,
      origin: app.origin,
      contributors: 24,
      orgs: 2,
      days: 14,
      seed,
      prescore: true,
      clock,
      operator: app.operator,
      concurrency: 8,
    });
  } finally {
    clock.restore();
    await app.stop();
  }
}

// "Deterministic for a seed": the same seed, run twice against fresh servers, ends with the same summary
// lines and the same outcome for every simulated contributor, although API calls due in the same window of
// simulated time interleave differently each run.
describe('the simulator', () => {
  it('is deterministic for a seed: same seed, same summary lines; another seed, others', async () => {
    const first = await simulate(4);
    const again = await simulate(4);
    const other = await simulate(5);
    expect(first.decisions).toBeGreaterThan(5);
    expect(summaryLines(again)).toEqual(summaryLines(first));
    expect(again.contributors).toEqual(first.contributors);
    expect(summaryLines(other)).not.toEqual(summaryLines(first));
  }, 900_000);

  it("with reviewsEndBefore, leaves the submissions of the last days in the reviewers' queues", async () => {
    const start = Date.now() - 8 * DAY;
    const clock = installSimulatedClock(start);
    const app = await startInProcessServer({});
    try {
      const result = await runSimulation({
        url: app.url,
        origin: app.origin,
        contributors: 16,
        orgs: 2,
        days: 8,
        seed: 4,
        prescore: false,
        clock,
        operator: app.operator,
        reviewsEndBefore: 3 * DAY,
      });
      expect(result.decisions).toBeGreaterThan(0);
      const versions = await app.services.db
        .selectFrom('submission_version')
        .select(['state', 'decided_at'])
        .execute();
      expect(versions.filter((v) => v.state === 'in_review').length).toBeGreaterThan(0);
      const lastDecision = Math.max(...versions.map((v) => Number(v.decided_at ?? 0)));
      expect(lastDecision).toBeLessThan(start + 5 * DAY);
    } finally {
      clock.restore();
      await app.stop();
    }
  }, 300_000);
});
