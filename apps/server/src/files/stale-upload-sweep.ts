import type { Logger } from '../logger.ts';
import { startPeriodicSweep } from '../periodic-sweep.ts';
import type { FileStore } from './file-store.ts';

/**
 * Removes uploads a crash left half-spooled (see `removeStaleUploads`) every `everyMs` while the server runs:
 * with only start-up's sweep, a server that stayed up kept for good what another process sharing the folder
 * (another API process on the same disk) left when it crashed. Start-up has swept already, so the first
 * sweep comes after `everyMs`. A failed sweep is logged and the next one tries again. Returns the function
 * that stops it, once a sweep under way is done.
 */
export function startStaleUploadSweep(
  files: FileStore,
  logger: Logger,
  everyMs: number,
): () => Promise<void> {
  const sweep = () =>
    files
      .removeStaleUploads()
      .then((removed) => {
        if (removed > 0) logger.info({ staleUploads: removed }, 'stale uploads removed');
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'stale upload sweep failed'));
  // Start-up has swept already.
  return startPeriodicSweep(sweep, everyMs, { isImmediate: false });
}
