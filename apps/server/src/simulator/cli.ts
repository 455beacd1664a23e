// npm run simulate -- --contributors 300 --orgs 4 --days 60 --seed 1 [--url http://localhost:3000] [--prescore off]
//
// Without --url the simulator starts its own Assay (fresh SQLite in a temporary folder, or DATABASE_URL) in
// this process, with simulated time. With --url it drives that server and its wall clock; pass the operator
// made by `npm run admin -- create-operator` with --operator-email and --operator-password (or
// ASSAY_OPERATOR_EMAIL / ASSAY_OPERATOR_PASSWORD).
import { parseArgs } from 'node:util';
import { startInProcessServer } from './in-process.ts';
import { runSimulation, type SimulationResult } from './run-simulation.ts';
import { installSimulatedClock, wallClock } from './sim-clock.ts';

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

export function printResult(result: SimulationResult): void {
  const pct = (x: number, of: number) => (of === 0 ? '–' : `${((100 * x) / of).toFixed(1)}%`);
  console.log(
    `drafts ${result.drafts}, abandoned ${result.abandoned} (${pct(result.abandoned, result.drafts)}), submitted ${result.submissions}, versions scored ${result.scoredVersions}, decisions ${result.decisions}, accepted ${result.accepted}`,
  );
  console.log(
    `score AUC vs ground truth: ${result.scoreAuc === null ? 'n/a' : result.scoreAuc.toFixed(2)} over ${result.scoredVersions} submissions`,
  );
  console.log(
    `first-submission rejection rate: ${result.firstSubmissionRejectionRate === null ? 'n/a' : result.firstSubmissionRejectionRate.toFixed(2)}`,
  );
}

const log = (line: string) => console.log(line);
if (values.url) {
  if (!values['operator-email'] || !values['operator-password']) {
    console.error(
      'With --url, pass --operator-email and --operator-password (an operator from `npm run admin -- create-operator`).',
    );
    process.exit(2);
  }
  console.log(`Simulating against ${values.url} on its wall clock (history compressed into this run).`);
  const result = await runSimulation({
    url: values.url.replace(/\/$/, ''),
    contributors,
    orgs,
    days,
    seed,
    prescore,
    concurrency,
    clock: wallClock(),
    operator: { email: values['operator-email'], password: values['operator-password'] },
    runId: `s${seed}-${Date.now().toString(36)}`,
    log,
  });
  printResult(result);
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
