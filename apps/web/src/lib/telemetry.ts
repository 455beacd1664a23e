import type { ClientEvent } from '@assay/schema';
import { ClientEventSchema } from '@assay/schema';

type EventType = ClientEvent['type'];
type Props = ClientEvent['props'];

export interface TelemetryOptions {
  /** Sends one batch (at most 100 events); throws on failure. */
  send: (events: ClientEvent[]) => Promise<unknown>;
  /** Flush period. */
  intervalMs?: number;
  /** Events kept at most while the server is unreachable; older ones are dropped first. */
  maxQueued?: number;
  now?: () => Date;
}

/**
 * Friction telemetry: events are queued in memory and sent in batches off the interaction path. A
 * failed batch is retried once with the next flush, then dropped silently: telemetry never blocks the
 * interface, never throws into it, and never touches the draft.
 */
export class Telemetry {
  private queue: { event: ClientEvent; attempts: number }[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private sending: Promise<void> | null = null;
  private readonly options: Required<TelemetryOptions>;

  constructor(options: TelemetryOptions) {
    this.options = { intervalMs: 5_000, maxQueued: 500, now: () => new Date(), ...options };
  }

  /** Queues an event; invalid props are dropped rather than thrown. */
  record(type: EventType, props: Props = {}, submissionId?: string | null): void {
    const parsed = ClientEventSchema.safeParse({
      type,
      at: this.options.now().toISOString(),
      submissionId: submissionId ?? null,
      props,
    });
    if (!parsed.success) return;
    this.queue.push({ event: parsed.data, attempts: 0 });
    if (this.queue.length > this.options.maxQueued)
      this.queue.splice(0, this.queue.length - this.options.maxQueued);
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Sends what is queued, 100 events per batch. Never rejects. */
  flush(): Promise<void> {
    if (this.sending) return this.sending;
    this.sending = this.drain().finally(() => {
      this.sending = null;
    });
    return this.sending;
  }

  private async drain(): Promise<void> {
    const batch = this.queue.splice(0, this.queue.length);
    for (let start = 0; start < batch.length; start += 100) {
      const chunk = batch.slice(start, start + 100);
      try {
        await this.options.send(chunk.map((item) => item.event));
      } catch {
        const retry = chunk
          .filter((item) => item.attempts < 1)
          .map((item) => ({ ...item, attempts: item.attempts + 1 }));
        this.queue.unshift(...retry);
      }
    }
  }

  /** Flushes on an interval and when the page is hidden or left. */
  start(): () => void {
    if (this.timer) return () => this.stop();
    this.timer = setInterval(() => void this.flush(), this.options.intervalMs);
    const onHide = () => void this.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void this.flush();
    };
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      this.stop();
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
