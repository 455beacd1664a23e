// Simulated time.
//
// The server stamps everything with the wall clock (`Date.now()`, `new Date()`): events, versions, reviews,
// sessions. To make 60 simulated days visible in the metrics, the process that runs the server shifts its
// clock: `Date` is replaced by a subclass whose "now" is the simulated time. Every server-side timestamp is
// then the simulated one, consistently, and nothing is back-dated or rewritten afterwards (the event log stays
// append-only). Timers (setTimeout, performance.now) are untouched, so the scoring worker and the telemetry
// rate limiter keep real-time behaviour.
//
// Two ways to get there:
// - in-process (`npm run simulate` without --url, `npm run demo`, the simulation test): the simulator runs
//   the server in its own process and moves the clock directly ({@link installSimulatedClock}); the real
//   clock is restored when the simulation ends;
// - a separate server started with SIMULATED_CLOCK=true (never in production) installs the same `Date`
//   ({@link installServerClock}) and lets an operator move it over the API (`simulation.clock`); the
//   simulator's --url mode does so through {@link remoteClock}.

const RealDate = Date;
let offsetMs = 0;
let installed = false;

function installDate(): void {
  if (installed) return;
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

function uninstallDate(): void {
  globalThis.Date = RealDate;
  offsetMs = 0;
  installed = false;
}

/** The real time, whatever `Date` currently is. */
export const wallNow = () => RealDate.now();

/** Controls time for a simulation. */
export interface SimClock {
  /** Whether setting the time changes the server's clock (false for a server on its wall clock). */
  readonly isSimulated: boolean;
  now(): number;
  /** Moves time to `ms` (never backwards). */
  set(ms: number): void | Promise<void>;
  /** Ends the simulation's hold on the clock (in-process: the real clock is back). */
  restore(): void | Promise<void>;
}

/** Replaces this process's `Date` so that "now" is the simulated time. */
export function installSimulatedClock(startMs: number): SimClock {
  installDate();
  // Whole milliseconds, as the real clock gives: timestamps are integer columns.
  offsetMs = Math.floor(startMs) - RealDate.now();
  return {
    isSimulated: true,
    now: () => RealDate.now() + offsetMs,
    set(ms: number) {
      const target = Math.floor(ms) - RealDate.now();
      if (target > offsetMs) offsetMs = target;
    },
    restore: uninstallDate,
  };
}

/** The wall clock, for a server that runs on its own: history is compressed into the run's real minutes. */
export function wallClock(): SimClock {
  return { isSimulated: false, now: () => RealDate.now(), set: () => undefined, restore: () => undefined };
}

/** The clock of a server started with SIMULATED_CLOCK=true, moved by an operator (`simulation.clock`). */
export interface ServerClock {
  now(): number;
  /** Moves "now" to `ms`, either way; the caller decides what is allowed (see `moveServerClock`). */
  moveTo(ms: number): void;
}

/**
 * Installs the simulated `Date` in a server process, starting at the wall clock. Only `main.ts` calls this,
 * and only with SIMULATED_CLOCK=true, which env.ts refuses in production.
 */
export function installServerClock(): ServerClock {
  installDate();
  offsetMs = 0;
  return {
    now: () => RealDate.now() + offsetMs,
    moveTo(ms: number) {
      offsetMs = Math.floor(ms) - RealDate.now();
    },
  };
}

/** What `simulation.clock.get` and `.set` answer (ISO date-times). */
export interface ClockState {
  now: string;
  /** The server's real time. */
  wallClock: string;
  /** The earliest time the clock may be set to: the latest event's (the event log stays in time order). */
  notBefore: string | null;
}

/**
 * The clock of a separate server on SIMULATED_CLOCK, moved over its API: `move` is the operator's
 * `simulation.clock.set` call. `now()` is kept locally (the last time set, plus real time since), so the
 * simulator reads it without a round trip.
 */
export function remoteClock(
  state: ClockState,
  move: (toMs: number) => Promise<ClockState>,
): SimClock & { state(): ClockState } {
  let current = state;
  let setMs = Date.parse(state.now);
  let setAt = performance.now();
  const now = () => setMs + Math.round(performance.now() - setAt);
  const moveTo = async (ms: number) => {
    current = await move(Math.floor(ms));
    setMs = Date.parse(current.now);
    setAt = performance.now();
  };
  return {
    isSimulated: true,
    now,
    async set(ms: number) {
      if (ms > now()) await moveTo(ms);
    },
    // The history ends at the real "now"; the server's clock then catches up with the wall clock, so it
    // carries on as a normal server would (unless the history ran past the wall clock).
    async restore() {
      const wall = RealDate.now();
      if (wall > now()) await moveTo(wall);
    },
    state: () => current,
  };
}
