/**
 * Runs `sweep` every `everyMs` (and once at once, with `isImmediate`), in a process that stays up, never two
 * at a time: a sweep due while the last is still under way is skipped. `sweep` logs its own outcome and
 * failure; the next sweep tries again. Returns the function that stops it, once a sweep under way is done.
 */
export function startPeriodicSweep(
  sweep: () => Promise<void>,
  everyMs: number,
  { isImmediate }: { isImmediate: boolean },
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const run = () => {
    if (running) return;
    running = sweep().finally(() => {
      running = null;
    });
  };
  if (isImmediate) run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
