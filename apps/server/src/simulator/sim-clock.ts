// Simulated time for in-process simulations (`npm run simulate` without --url, and `npm run demo`).
//
// The server stamps everything with the wall clock (`Date.now()`, `new Date()`): events, versions, reviews,
// sessions. To make 60 simulated days visible in the metrics, the simulator runs the server in its own
// process and shifts that process's clock: `Date` is replaced by a subclass whose "now" is the simulated
// time. Every server-side timestamp is then the simulated one, consistently, and nothing is back-dated or
// rewritten afterwards (the event log stays append-only). Timers (setTimeout, performance.now) are untouched,
// so the scoring worker and the telemetry rate limiter keep real-time behaviour. The real clock is restored
// when the simulation ends. A server the simulator reaches over --url keeps its own wall clock.

const RealDate = Date;
let offsetMs = 0;
let installed = false;

/** Controls time for a simulation. */
export interface SimClock {
  /** Whether setting the time changes the server's clock (false against a remote server). */
  readonly isSimulated: boolean;
  now(): number;
  /** Moves time to `ms` (never backwards). */
  set(ms: number): void;
  /** Restores the real clock. */
  restore(): void;
}

/** Replaces this process's `Date` so that "now" is the simulated time. */
export function installSimulatedClock(startMs: number): SimClock {
  if (!installed) {
    class SimulatedDate extends RealDate {
      constructor(...args: ConstructorParameters<DateConstructor> | []) {
        if (args.length === 0) super(RealDate.now() + offsetMs);
        else super(...(args as ConstructorParameters<DateConstructor>));
      }
      static override now(): number {
        return RealDate.now() + offsetMs;
      }
    }
    globalThis.Date = SimulatedDate as DateConstructor;
    installed = true;
  }
  // Whole milliseconds, as the real clock gives: timestamps are integer columns.
  offsetMs = Math.floor(startMs) - RealDate.now();
  return {
    isSimulated: true,
    now: () => RealDate.now() + offsetMs,
    set(ms: number) {
      const target = Math.floor(ms) - RealDate.now();
      if (target > offsetMs) offsetMs = target;
    },
    restore() {
      globalThis.Date = RealDate;
      offsetMs = 0;
      installed = false;
    },
  };
}

/** The wall clock, for a server reached over HTTP: history is compressed into the run's real minutes. */
export function wallClock(): SimClock {
  return { isSimulated: false, now: () => RealDate.now(), set: () => undefined, restore: () => undefined };
}
