import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InProcessServer, startInProcessServer } from '../src/simulator/in-process.ts';
import { runSimulation, type SimulationResult } from '../src/simulator/run-simulation.ts';
import { installSimulatedClock, type SimClock } from '../src/simulator/sim-clock.ts';
import { createClient } from './support/test-server.ts';

const DAY = 86_400_000;

// A small simulation through the real API (SQLite, simulated time, in this test's own process), then the
// operator's metrics: they must reflect what was simulated.
describe('a small simulation, seen through the metrics', () => {
  let clock: SimClock;
  let app: InProcessServer;
  let result: SimulationResult;
  let cookie = '';

  beforeAll(async () => {
    clock = installSimulatedClock(Date.now() - 21 * DAY);
    app = await startInProcessServer({});
    result = await runSimulation({
      url: app.url,
      origin: app.origin,
      contributors: 60,
      orgs: 2,
      days: 21,
      seed: 3,
      prescore: true,
      clock,
      operator: app.operator,
      concurrency: 8,
    });
    clock.restore();
    const response = await fetch(`${app.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.origin },
      body: JSON.stringify(app.operator),
    });
    cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  }, 600_000);
  afterAll(async () => {
    clock?.restore();
    await app?.stop();
  });

  it('produces a plausible history with a score that predicts the ground truth', () => {
    expect(result.drafts).toBeGreaterThan(60);
    expect(result.submissions).toBeGreaterThan(20);
    expect(result.decisions).toBeGreaterThan(10);
    expect(result.scoreAuc).toBeGreaterThan(0.6);
  });

  it('acceptance rises with skill; abandonment rises as patience falls', () => {
    const rate = (rows: SimulationResult['contributors'], part: 'accepted' | 'abandoned') => {
      const num = rows.reduce((s, r) => s + r[part], 0);
      const den = rows.reduce((s, r) => s + (part === 'accepted' ? r.decided : r.drafts), 0);
      return den === 0 ? 0 : num / den;
    };
    const bySkill = [...result.contributors].sort((a, b) => a.skill - b.skill);
    const byPatience = [...result.contributors].sort((a, b) => a.patience - b.patience);
    const third = Math.floor(result.contributors.length / 3);
    expect(rate(bySkill.slice(-third), 'accepted')).toBeGreaterThan(
      rate(bySkill.slice(0, third), 'accepted'),
    );
    expect(rate(byPatience.slice(0, third), 'abandoned')).toBeGreaterThan(
      rate(byPatience.slice(-third), 'abandoned'),
    );
  });

  it("the operator's metrics count what was simulated, spread over simulated weeks", async () => {
    const operator = createClient(app.url, cookie);
    const funnel = await operator.analytics.funnel.query({});
    expect(funnel.steps[0]?.count).toBe(result.drafts);
    expect(funnel.steps.find((s) => s.step === 'submitted')?.count).toBe(result.submissions);
    expect(funnel.steps.find((s) => s.step === 'accepted')?.count).toBe(result.accepted);
    expect(funnel.byCohort.length).toBeGreaterThanOrEqual(3);
    const curve = await operator.analytics.acceptanceCurve.query({});
    expect(curve.decisions).toBe(result.decisions);
    expect(curve.weekly.length).toBeGreaterThanOrEqual(2);
    const friction = await operator.analytics.friction.query({ idleHours: 72 });
    expect(friction.abandonment.abandoned).toBeGreaterThan(0);
    expect(friction.abandonment.lastFields.length).toBeGreaterThan(0);
    // Some give up after a pre-score below enterprise grade, so the dashboard's chart has findings to show.
    expect(friction.abandonment.lastFindings.length).toBeGreaterThan(0);
  });
});
