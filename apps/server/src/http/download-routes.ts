import type { ServerResponse } from 'node:http';
import { AppError } from '../errors.ts';
import type { Services } from '../services.ts';
import type { SessionUser } from '../trpc.ts';

/** Downloads for the organisation that accepted a version (filled in with the review work). */
export async function handleDownload(
  _services: Services,
  _user: SessionUser,
  versionId: string,
  _what: 'data' | 'croissant.json',
  _res: ServerResponse,
): Promise<void> {
  throw new AppError('not_found', `No accepted version with id '${versionId}'`);
}
