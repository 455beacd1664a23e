import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createOperator } from '../admin/create-operator.ts';
import { parseEnv } from '../env.ts';
import { type RunningServer, startServer } from '../http/server.ts';
import { startDeadlineNotices } from '../request/deadline-notices.ts';
import { createServices, type Services } from '../services.ts';

export interface InProcessServer {
  services: Services;
  server: RunningServer;
  url: string;
  /** The server's own address, which sign-in requests must name as their Origin. */
  origin: string;
  operator: { email: string; password: string };
  /**
   * Starts the deadline-notice sweep that `npm start` runs beside the API (every `everyMs`, default
   * DEADLINE_SWEEP_SECONDS), until `stop`. The demo starts it once its simulated history is written: on
   * the simulated clock it would log notices at times that depend on how fast the machine is.
   */
  startDeadlineNotices(everyMs?: number): void;
  stop(): Promise<void>;
}

/**
 * Starts Assay inside this process (so the simulated clock applies to it): a fresh SQLite database in
 * `dataDir` (a temporary folder by default) or PostgreSQL when DATABASE_URL is set, and an operator account
 * made as `npm run admin -- create-operator` makes one.
 */
export async function startInProcessServer(options: {
  dataDir?: string;
  port?: number;
  host?: string;
  webDir?: string;
  /**
   * The one address people reach it at. Without it the server takes this machine by any loopback name
   * (localhost, 127.0.0.1), as a server started without a PUBLIC_URL does: the demo set localhost, and
   * signing in at 127.0.0.1 failed with only "Invalid origin".
   */
  publicUrl?: string;
  operatorEmail?: string;
  operatorPassword?: string;
}): Promise<InProcessServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'assay-simulation-'));
  // Auth checks the Origin against the public URL, so the port must be known before the services start.
  const port = options.port ?? (await findFreePort());
  const host = options.host ?? '127.0.0.1';
  const publicUrl = options.publicUrl ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  const env = parseEnv({
    DATABASE_URL: process.env.DATABASE_URL,
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    PORT: String(port),
    ...(options.publicUrl ? { PUBLIC_URL: options.publicUrl } : {}),
  });
  // Hundreds of simulated people sign up from one address; the default sign-in limit is for real people.
  const services = await createServices(env, { signInPerMinute: 1_000_000 });
  if (env.SCORING_IN_PROCESS) await services.scoring.startWorker();
  const server = await startServer(services, {
    port,
    host,
    ...(options.webDir ? { webDir: options.webDir } : {}),
  });
  const operator = {
    email: options.operatorEmail ?? 'operator@simulated.example',
    password: options.operatorPassword ?? 'simulated operator passphrase',
  };
  await createOperator(services, { email: operator.email, password: operator.password, name: 'Operator' });
  let stopDeadlineNotices: (() => Promise<void>) | null = null;
  return {
    services,
    server,
    url: `http://127.0.0.1:${port}`,
    origin: publicUrl,
    operator,
    startDeadlineNotices: (everyMs = env.DEADLINE_SWEEP_SECONDS * 1000) => {
      stopDeadlineNotices ??= startDeadlineNotices(services.db, services.logger, everyMs);
    },
    stop: async () => {
      await stopDeadlineNotices?.();
      await server.close();
      await services.close();
    },
  };
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
