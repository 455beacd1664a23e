import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { toNodeHandler } from 'better-auth/node';
import sirv from 'sirv';
import { appRouter } from '../routers/app.ts';
import type { Services } from '../services.ts';
import { handleFileRoute } from './file-routes.ts';
import { checkHealth } from './health.ts';
import { setSecurityHeaders } from './security-headers.ts';
import { readSessionUser } from './session.ts';

export interface ServerOptions {
  port: number;
  host?: string;
  /** The built web app; served with index.html as the fallback for client-side routes. */
  webDir?: string;
}

export interface RunningServer {
  server: http.Server;
  url: string;
  close(): Promise<void>;
}

/** Thrown when the port is taken, with a message saying so. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

/**
 * The largest API request body. The largest a person writes (a manifest with hundreds of columns and
 * classes, each defined) is tens of kilobytes; without a limit a 30 MB description was kept, and sent
 * back in every list of the contributor's submissions. Data files go to /api/files, with their own limit.
 */
export const API_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/** One port for everything: /health, /api/auth (better-auth), /api/trpc, /api/files and the web app. */
export function createRequestListener(services: Services, webDir?: string): http.RequestListener {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/api/trpc/',
    maxBodySize: API_BODY_LIMIT_BYTES,
    createContext: async ({ req }) => ({ services, user: await readSessionUser(services, req.headers) }),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR')
        services.logger.error({ err: error, path }, 'procedure failed');
    },
  });
  const auth = toNodeHandler(services.auth);
  const web = webDir && existsSync(webDir) ? serveWebApp(webDir) : null;

  return (req, res) => {
    setSecurityHeaders(res);
    const url = req.url ?? '/';
    if (url === '/health' || url.startsWith('/health?')) {
      void checkHealth(services).then((health) => {
        res.writeHead(health.status === 'ok' ? 200 : 503, {
          'content-type': 'application/json',
          'cache-control': 'no-store',
        });
        res.end(JSON.stringify(health));
      });
      return;
    }
    // What the API sends is a person's own (drafts, reports, sessions) or licensed data, and one address
    // may name a new file tomorrow (a draft's file replaced): no browser or proxy keeps a copy.
    if (url.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
    if (url.startsWith('/api/auth/')) {
      // better-auth rate-limits by client address, read from X-Forwarded-For.
      if (!services.env.TRUST_PROXY) req.headers['x-forwarded-for'] = req.socket.remoteAddress ?? 'unknown';
      return void auth(req, res);
    }
    if (url.startsWith('/api/trpc/')) {
      if (req.method === 'POST' && !isJson(req.headers['content-type'])) {
        // tRPC reads a form (multipart/form-data) too, and a page of another origin on this site (another
        // port, a subdomain) can post one with the session cookie and no preflight: a mutation that takes
        // no input ran as the signed-in user. The app's client sends JSON, which another origin cannot
        // send without a preflight this server does not answer.
        res.writeHead(415, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'The API takes JSON only (content-type: application/json)' }));
        return;
      }
      return void trpc(req, res);
    }
    if (url.startsWith('/api/files/')) return void handleFileRoute(services, req, res);
    if (url.startsWith('/api/')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `No API route ${req.method} ${url}` }));
      return;
    }
    if (web) return web(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end(
      'The web app is not built: run `npm start` from the repository root (or `npm run build -w @assay/web`).\n',
    );
  };
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** Vite names the bundle's files by their content: one name never changes what it holds. */
const HASHED_ASSET = /^\/assets\//;
/** A path with a segment that starts with a dot (`/.env`, `/assets/.cache/x`). */
const DOTFILE = /\/\./;

/**
 * The built web app, with index.html for client-side routes. Files are looked up on each request, not
 * listed once at start: sirv's list kept the index.html the server started with after a rebuild, and a
 * request for a listed file the rebuild had deleted crashed the process (an unhandled stream error; now
 * only a file deleted in the instant between sirv's check and its read could, as during a rebuild).
 * Hashed assets may be cached for a year; index.html is revalidated, so a rebuild reaches the browser.
 */
function serveWebApp(webDir: string): http.RequestListener {
  const serve = sirv(webDir, {
    single: true,
    etag: true,
    dev: true,
    setHeaders: (res, pathname) => {
      res.setHeader(
        'cache-control',
        HASHED_ASSET.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  return (req, res) => {
    // Looked up on each request, sirv would serve dotfiles, which its file list left out: the built app
    // has none, and none is served.
    if (DOTFILE.test(new URL(req.url ?? '/', 'http://app').pathname)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found\n');
      return;
    }
    serve(req, res);
  };
}

/** Listens on the port; rejects with {@link PortInUseError} when it is taken. */
export function startServer(services: Services, options: ServerOptions): Promise<RunningServer> {
  const server = http.createServer(createRequestListener(services, options.webDir));
  // Long uploads must not be cut off by Node's default request timeout.
  server.requestTimeout = 0;
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new PortInUseError(
            `Port ${options.port} is already in use: stop the other process or set PORT to a free port`,
          ),
        );
      } else reject(error);
    });
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        server,
        url: `http://localhost:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          }),
      });
    });
  });
}
