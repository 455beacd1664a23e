import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestDatabase } from './dialects.ts';

// The real server as a separate process (`tsx src/main.ts`), as a user starts it, for tests that need the
// process boundary (the simulator's --url mode). apps/web/e2e/support.ts does the same for browser journeys.

const SERVER_DIR = fileURLToPath(new URL('../../', import.meta.url));
const TSX = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));

export interface SpawnedServer {
  url: string;
  /** Everything the server printed (JSON logs and stderr), for assertions and diagnosis. */
  output(): string;
  stop(): Promise<void>;
}

/** The environment of a child process on `database`: its DATA_DIR, and DATABASE_URL only for PostgreSQL. */
function environment(database: TestDatabase, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: database.dataDir, ...extra };
  delete env.DATABASE_URL;
  if (database.databaseUrl) env.DATABASE_URL = database.databaseUrl;
  return env;
}

/** Creates an operator with the server's own CLI (`npm run admin -- create-operator`). */
export function createOperatorWithCli(database: TestDatabase, email: string, password: string): void {
  const result = spawnSync(TSX, ['src/admin-cli.ts', 'create-operator', email], {
    cwd: SERVER_DIR,
    env: environment(database, { ASSAY_OPERATOR_PASSWORD: password, LOG_LEVEL: 'warn' }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`create-operator failed: ${result.stderr || result.stdout}`);
}

/** Starts `tsx src/main.ts` on a free port and resolves once it logs its address. */
export function spawnServer(
  database: TestDatabase,
  env: Record<string, string> = {},
): Promise<SpawnedServer> {
  const child: ChildProcess = spawn(TSX, ['src/main.ts'], {
    cwd: SERVER_DIR,
    env: environment(database, { PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'test', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start in 60 s:\n${output}`)), 60_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with ${code}:\n${output}`));
    };
    child.once('exit', onExit);
    const poll = setInterval(() => {
      const match = /"url":"(http:\/\/localhost:\d+)"/.exec(output);
      if (!match?.[1]) return;
      clearInterval(poll);
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve({
        url: match[1],
        output: () => output,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    }, 50);
    child.once('exit', () => clearInterval(poll));
  });
}

/** Runs a server-package script with tsx to its end: its exit code and what it printed. */
export function runScript(
  script: string,
  args: string[],
  options: { timeoutMs: number },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(TSX, [script, ...args], {
    cwd: SERVER_DIR,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`${script} did not finish in ${options.timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, options.timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
