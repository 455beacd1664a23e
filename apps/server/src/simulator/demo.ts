// npm run demo: Assay on a fresh SQLite database (DATA_DIR, default .assay/demo, wiped first if an earlier demo
// made it; any other folder with files in it is refused) with a small
// simulated history — 30 days, 40 contributors, 2 enterprises — then keeps serving at http://localhost:PORT
// (default 3000) and prints how to sign in as a contributor, a reviewer and an operator.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DemoDataDirError, prepareDemoDataDir } from './demo-data-dir.ts';
import { startInProcessServer } from './in-process.ts';
import { runSimulation } from './run-simulation.ts';
import { installSimulatedClock } from './sim-clock.ts';

const DAY = 86_400_000;
const DAYS = 30;
const port = Number(process.env.PORT ?? 3000);
const dataDir = path.resolve(process.env.DATA_DIR ?? '.assay/demo');
const webDir = fileURLToPath(new URL('../../../web/dist', import.meta.url));

if (process.env.DATABASE_URL) {
  console.log('The demo runs on its own SQLite database in DATA_DIR: DATABASE_URL is not used.');
  delete process.env.DATABASE_URL; // the demo is the one-process, embedded-database product
}
try {
  prepareDemoDataDir(dataDir, { isDemoDefault: !process.env.DATA_DIR });
} catch (error) {
  if (!(error instanceof DemoDataDirError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const clock = installSimulatedClock(Date.now() - DAYS * DAY);
const app = await startInProcessServer({
  dataDir,
  port,
  host: '127.0.0.1',
  webDir,
  operatorEmail: 'operator@demo.example',
  operatorPassword: 'demo operator passphrase',
});
console.log(`Simulating ${DAYS} days of history on a fresh database in ${dataDir} …`);
const result = await runSimulation({
  url: app.url,
  origin: app.origin,
  contributors: 40,
  orgs: 2,
  days: DAYS,
  seed: 1,
  prescore: true,
  clock,
  operator: app.operator,
  runId: 'demo',
  // The last week's submissions wait for review, so the reviewer who signs in has a queue to work (the
  // simulated contributors' submissions thin out over the last days, so a shorter pause leaves none).
  reviewsEndBefore: 7 * DAY,
  log: (line) => console.log(`  ${line}`),
});
clock.restore();
// As `npm start` does: contributors drafting for a request are told when its deadline nears and passes.
app.startDeadlineNotices();

console.log(`
Assay demo is running at http://localhost:${port}${existsSync(webDir) ? '' : '  (web app not built: run `npm run build` for the interface; the API works)'}
  ${result.drafts} drafts, ${result.submissions} submitted, ${result.decisions} decisions, ${result.accepted} accepted over ${DAYS} simulated days.

Sign in as
  operator     ${app.operator.email}   password: ${app.operator.password}
  reviewer     ${result.accounts.reviewer?.email}   password: ${result.accounts.reviewer?.password}
  contributor  ${result.accounts.contributor?.email}   password: ${result.accounts.contributor?.password}

Ctrl-C stops it; the data stays in ${dataDir}. To add more history from another terminal (on the server's
wall clock: the demo server's clock is real time once the history is written):
  npm run simulate -- --url http://localhost:${port} --contributors 20 --days 5 --operator-email ${app.operator.email} --operator-password '${app.operator.password}'`);

const stop = async () => {
  await app.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
