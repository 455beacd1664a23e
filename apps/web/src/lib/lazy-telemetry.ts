import type { Telemetry, TelemetryOptions } from './telemetry.ts';

type RecordArgs = Parameters<Telemetry['record']>;

/**
 * The app's telemetry queue, whose code loads with the first event: {@link Telemetry} checks each event
 * with `@assay/schema`, and so carries zod, which the first page does not need otherwise. Events
 * recorded before it has loaded keep their time and order; when it cannot load (offline), the next
 * event tries again.
 */
export class LazyTelemetry {
  private queue: Telemetry | null = null;
  private early: { args: RecordArgs; at: Date }[] = [];
  private loading: Promise<void> | null = null;
  private recordedAt: Date | null = null;
  private isStarted = false;
  private stopQueue: (() => void) | null = null;

  constructor(
    private readonly send: TelemetryOptions['send'],
    private readonly load: () => Promise<{ Telemetry: typeof Telemetry }> = () => import('./telemetry.ts'),
  ) {}

  record(...args: RecordArgs): void {
    if (this.queue) {
      this.queue.record(...args);
      return;
    }
    this.early.push({ args, at: new Date() });
    this.loading ??= this.load().then(
      ({ Telemetry }) => {
        const queue = new Telemetry({ send: this.send, now: () => this.recordedAt ?? new Date() });
        for (const { args, at } of this.early.splice(0)) {
          this.recordedAt = at;
          queue.record(...args);
        }
        this.recordedAt = null;
        this.queue = queue;
        if (this.isStarted) this.stopQueue = queue.start();
      },
      () => {
        this.loading = null;
      },
    );
  }

  /** Flushes on an interval and when the page is hidden, once loaded; returns the stop. */
  start(): () => void {
    this.isStarted = true;
    if (this.queue && !this.stopQueue) this.stopQueue = this.queue.start();
    return () => {
      this.isStarted = false;
      this.stopQueue?.();
      this.stopQueue = null;
    };
  }

  /** Resolves once the queue has loaded (or failed to), for tests. */
  get loaded(): Promise<void> {
    return this.loading ?? Promise.resolve();
  }
}
