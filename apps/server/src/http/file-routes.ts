import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, HTTP_STATUS } from '../errors.ts';
import type { Services } from '../services.ts';
import { attachFile } from '../submission/attach-file.ts';
import { handleDownload } from './download-routes.ts';
import { readSessionUser } from './session.ts';

const VERSION_ROUTE = /^\/api\/files\/versions\/([0-9a-f-]{36})(?:\/(data|croissant\.json))?$/;

/**
 * Bytes travel over plain HTTP, not tRPC: a streamed request body lets the server hash and size-check the
 * upload as it arrives (never buffering 1 GiB), and XMLHttpRequest's upload events give the client a
 * progress bar. The same better-auth session cookie authenticates it.
 *
 * - `PUT /api/files/versions/:versionId` — body is the file; `x-file-name` (URI-encoded) names it for
 *   display; `x-content-sha256` (optional) is verified.
 * - `GET /api/files/versions/:versionId/data` and `/croissant.json` — downloads (see download-routes.ts).
 */
export async function handleFileRoute(
  services: Services,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = VERSION_ROUTE.exec(url.pathname);
    if (!match) throw new AppError('not_found', `No file route ${req.method} ${url.pathname}`);
    const [, versionId, download] = match as unknown as [string, string, string | undefined];
    const user = await readSessionUser(services, req.headers);
    if (!user) throw new AppError('unauthenticated', 'Sign in first');

    if (req.method === 'PUT' && !download) {
      if (user.role !== 'contributor') throw new AppError('forbidden', 'Only contributors upload files');
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > services.env.UPLOAD_LIMIT_BYTES) {
        throw new AppError(
          'payload_too_large',
          `The file is ${declared} bytes, larger than the limit of ${services.env.UPLOAD_LIMIT_BYTES} bytes`,
        );
      }
      const sha = req.headers['x-content-sha256'];
      const result = await attachFile(services, {
        contributorId: user.id,
        versionId,
        fileName: fileNameOf(req.headers['x-file-name']),
        expectedSha256: typeof sha === 'string' ? sha.toLowerCase() : undefined,
        body: req,
      });
      sendJson(res, 200, result);
      return;
    }
    if (req.method === 'GET' && download) {
      await handleDownload(services, user, versionId, download as 'data' | 'croissant.json', res);
      return;
    }
    throw new AppError('not_found', `No file route ${req.method} ${url.pathname}`);
  } catch (error) {
    if (res.headersSent) {
      res.destroy(error as Error);
      return;
    }
    if (error instanceof AppError) {
      sendJson(res, HTTP_STATUS[error.code], { error: { code: error.code, message: error.message } });
      // An oversize or failed upload: stop reading the rest of the body.
      if (!req.readableEnded) req.resume();
      return;
    }
    services.logger.error({ err: error }, 'file route failed');
    sendJson(res, 500, {
      error: { code: 'internal', message: 'Something went wrong on the server; try again' },
    });
  }
}

/**
 * The uploaded file's name, sent URI-encoded. One that does not decode, or holds a control character
 * (PostgreSQL cannot store a NUL), is bad input, said as such: it was a 500.
 */
function fileNameOf(header: string | string[] | undefined): string {
  let name: string;
  try {
    name = decodeURIComponent(String(header ?? 'data'));
  } catch {
    throw new AppError(
      'invalid_input',
      'The x-file-name header is not URI-encoded text (encodeURIComponent)',
    );
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    throw new AppError('invalid_input', 'A file name cannot hold control characters');
  }
  return name;
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify(body));
}
