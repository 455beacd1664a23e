import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialectsToRun, type TestDatabase } from './support/dialects.ts';
import {
  createOperatorWithCli,
  runScript,
  type SpawnedServer,
  spawnServer,
} from './support/spawned-server.ts';
import { type Client, codeOf, createClient } from './support/test-server.ts';

const dialects = await dialectsToRun();
const DAY = 86_400_000;
const OPERATOR = { email: 'operator@url-simulation.example', password: 'url simulation operator passphrase' };

/** The counts the simulator prints at the end of a run. */
function summaryOf(stdout: string) {
  const match =
    /drafts (\d+), abandoned (\d+) \(.*?\), submitted (\d+), versions scored (\d+), decisions (\d+), accepted (\d+)/.exec(
      stdout,
    );
  if (!match) throw new Error(`No summary line in the simulator's output:\n${stdout}`);
  const [drafts, abandoned, submitted, scored, decisions, accepted] = match.slice(1).map(Number) as number[];
  return { drafts, abandoned, submitted, scored, decisions, accepted };
}

async function signInOperator(url: string): Promise<Client> {
  const response = await fetch(`${url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify(OPERATOR),
  });
  if (!response.ok) throw new Error(`operator sign-in failed: ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return createClient(url, cookie);
}

const simulate = (url: string, args: string[]) =>
  runScript(
    'src/simulator/cli.ts',
    ['--url', url, '--operator-email', OPERATOR.email, '--operator-password', OPERATOR.password, ...args],
    { timeoutMs: 900_000 },
  );

// `npm run simulate -- --url …` against the real server in a separate process (`tsx src/main.ts`, an operator
// made with the admin CLI), checked through the operator's metrics procedures.
describe.each(dialects)('the simulator against a separate server on %s', (dialect) => {
  describe('started with SIMULATED_CLOCK=true', () => {
    let database: TestDatabase;
    let server: SpawnedServer;
    let operator: Client;
    let run: Awaited<ReturnType<typeof simulate>>;
    let startedAt: number;

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      createOperatorWithCli(database, OPERATOR.email, OPERATOR.password);
      server = await spawnServer(database, { SIMULATED_CLOCK: 'true' });
      startedAt = Date.now();
      run = await simulate(server.url, [
        '--contributors',
        '16',
        '--orgs',
        '2',
        '--days',
        '35',
        '--seed',
        '2',
      ]);
      if (run.code !== 0)
        throw new Error(`The simulator failed (${run.code}):\n${run.stdout}\n${run.stderr}`);
      operator = await signInOperator(server.url);
    }, 900_000);
    afterAll(async () => {
      await server?.stop();
      await database?.drop();
    });

    it('says so loudly at start-up, and the simulator uses it', () => {
      expect(server.output()).toContain('SIMULATED_CLOCK is on');
      expect(run.stdout).toContain('runs on a simulated clock (SIMULATED_CLOCK=true)');
    });

    it('spreads the history over the simulated days, ending at the wall clock', async () => {
      const funnel = await operator.analytics.funnel.query({});
      const weeks = funnel.byCohort.map((c) => Date.parse(c.week));
      // 35 simulated days, drafts started over the first 90% of them: at least four distinct weeks.
      expect(weeks.length).toBeGreaterThanOrEqual(4);
      expect(Math.min(...weeks)).toBeGreaterThanOrEqual(startedAt - 35 * DAY - 7 * DAY);
      expect(Math.max(...weeks)).toBeLessThanOrEqual(Date.now());
      const curve = await operator.analytics.acceptanceCurve.query({});
      expect(curve.weekly.length).toBeGreaterThanOrEqual(3);
      // The server's clock caught up with the wall clock at the end of the run.
      const clock = await operator.simulation.clock.get.query();
      expect(Math.abs(Date.parse(clock.now) - Date.now())).toBeLessThan(60_000);
      expect(Date.parse(clock.notBefore ?? '')).toBeLessThanOrEqual(Date.parse(clock.now));
    });

    it('the durations are simulated ones, not the run’s real seconds', async () => {
      const friction = await operator.analytics.friction.query({});
      // Contributors spend simulated tens of minutes between starting a draft and submitting it, and
      // reviewers work their queue every few simulated hours; the whole run took a few real minutes.
      expect(friction.draftToSubmit.n).toBeGreaterThan(0);
      expect(friction.draftToSubmit.medianMs).toBeGreaterThan(10 * 60_000);
      expect(friction.reviewLatency.n).toBeGreaterThan(0);
      expect(friction.reviewLatency.medianMs).toBeGreaterThan(60 * 60_000);
    });

    it('the metrics count what the simulator says it did', async () => {
      const summary = summaryOf(run.stdout);
      expect(summary.drafts).toBeGreaterThan(16);
      expect(summary.decisions).toBeGreaterThan(0);
      const funnel = await operator.analytics.funnel.query({});
      const count = (step: string) => funnel.steps.find((s) => s.step === step)?.count;
      expect(count('draftStarted')).toBe(summary.drafts);
      expect(count('submitted')).toBe(summary.submitted);
      expect(count('accepted')).toBe(summary.accepted);
      const curve = await operator.analytics.acceptanceCurve.query({});
      expect(curve.decisions).toBe(summary.decisions);
      const friction = await operator.analytics.friction.query({});
      expect(friction.versionsUntilAcceptance.accepted).toBe(summary.accepted);
    });

    it('moves back no earlier than the latest event, and checks its input', async () => {
      const error = await operator.simulation.clock.set
        .mutate({ to: new Date(Date.now() - 20 * DAY).toISOString() })
        .catch((e: unknown) => e as Error);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/event log already holds an event at/);
      expect(await codeOf(operator.simulation.clock.set.mutate({ to: 'tomorrow' }))).toBe('BAD_REQUEST');
      const later = Date.now() + DAY;
      const moved = await operator.simulation.clock.set.mutate({ to: new Date(later).toISOString() });
      expect(Math.abs(Date.parse(moved.now) - later)).toBeLessThan(5_000);
    });
  });

  describe('on its wall clock (no SIMULATED_CLOCK)', () => {
    let database: TestDatabase;
    let server: SpawnedServer;

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      createOperatorWithCli(database, OPERATOR.email, OPERATOR.password);
      server = await spawnServer(database);
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
      await database?.drop();
    });

    it('has no clock to move, and the simulator falls back to the wall clock and says so', async () => {
      const operator = await signInOperator(server.url);
      expect(await codeOf(operator.simulation.clock.get.query())).toBe('NOT_FOUND');
      const startedAt = Date.now();
      const run = await simulate(server.url, [
        '--contributors',
        '3',
        '--orgs',
        '1',
        '--days',
        '21',
        '--seed',
        '5',
      ]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('runs on its wall clock');
      const summary = summaryOf(run.stdout);
      const funnel = await operator.analytics.funnel.query({});
      expect(funnel.steps[0]?.count).toBe(summary.drafts);
      // Three simulated weeks compressed into the run's real time: on a simulated clock the first drafts
      // would start about three weeks back.
      const weeks = funnel.byCohort.map((c) => Date.parse(c.week));
      expect(Math.min(...weeks)).toBeGreaterThan(startedAt - 8 * DAY);
    }, 600_000);
  });
});
