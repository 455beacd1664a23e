// npm run simulate -- --contributors 300 --orgs 4 --days 60 --seed 1 [--url http://localhost:3000] [--prescore off]
//
// Without --url the simulator starts its own Assay (fresh SQLite in a temporary folder, or DATABASE_URL) in
// this process, with simulated time. With --url it drives that server: on simulated time when the server was
// started with SIMULATED_CLOCK=true, else on its wall clock (and says so). Pass the operator made by
// `npm run admin -- create-operator` with --operator-email and --operator-password (or ASSAY_OPERATOR_EMAIL /
// ASSAY_OPERATOR_PASSWORD).
import { parseArgs } from 'node:util';
import { connectClock } from './connect-clock.ts';
import { startInProcessServer } from './in-process.ts';
import { runSimulation, type SimulationResult, summaryLines } from './run-simulation.ts';
import { installSimulatedClock } from './sim-clock.ts';

const DAY = 86_400_000;

const { values } = parseArgs({
  options: {
    contributors: { type: 'string', default: '300' },
    orgs: { type: 'string', default: '4' },
    days: { type: 'string', default: '60' },
    seed: { type: 'string', default: '1' },
    url: { type: 'string' },
    prescore: { type: 'string', default: 'on' },
    concurrency: { type: 'string', default: '8' },
    'operator-email': { type: 'string', default: process.env.ASSAY_OPERATOR_EMAIL },
    'operator-password': { type: 'string', default: process.env.ASSAY_OPERATOR_PASSWORD },
    'data-dir': { type: 'string' },
  },
  strict: true,
});

function positiveInteger(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a positive integer, got ${value}`);
    process.exit(2);
  }
  return n;
}

const contributors = positiveInteger('contributors', values.contributors);
const orgs = positiveInteger('orgs', values.orgs);
const days = positiveInteger('days', values.days);
const seed = positiveInteger('seed', values.seed);
const concurrency = positiveInteger('concurrency', values.concurrency);
if (values.prescore !== 'on' && values.prescore !== 'off') {
  console.error(`--prescore must be on or off, got ${values.prescore}`);
  process.exit(2);
}
const prescore = values.prescore === 'on';

function printResult(result: SimulationResult): void {
  for (const line of summaryLines(result)) console.log(line);
}

const log = (line: string) => console.log(line);
if (values.url) {
  if (!values['operator-email'] || !values['operator-password']) {
    console.error(
      'With --url, pass --operator-email and --operator-password (an operator from `npm run admin -- create-operator`).',
    );
    process.exit(2);
  }
  const url = values.url.replace(/\/$/, '');
  const operator = { email: values['operator-email'], password: values['operator-password'] };
  const clock = await connectClock({ url, operator, days, log });
  try {
    const result = await runSimulation({
      url,
      contributors,
      orgs,
      days,
      seed,
      prescore,
      concurrency,
      clock,
      operator,
      runId: `s${seed}-${Date.now().toString(36)}`,
      log,
    });
    printResult(result);
  } finally {
    await clock.restore();
  }
} else {
  // The simulated history ends now, so the metrics' "last 60 days" are the simulated ones.
  const clock = installSimulatedClock(Date.now() - days * DAY);
  const app = await startInProcessServer({ ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}) });
  console.log(
    `Simulating on a fresh ${app.services.dialect} database (${app.services.description}), simulated time.`,
  );
  try {
    const result = await runSimulation({
      url: app.url,
      origin: app.origin,
      contributors,
      orgs,
      days,
      seed,
      prescore,
      concurrency,
      clock,
      operator: app.operator,
      log,
    });
    printResult(result);
  } finally {
    clock.restore();
    await app.stop();
  }
}
