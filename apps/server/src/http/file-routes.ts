import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from '../services.ts';

/** Upload and download routes; see the server issue. */
export async function handleFileRoute(
  _services: Services,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: `No file route ${req.method} ${req.url}` }));
}
