import { sql } from 'kysely';
import { AppError } from '../errors.ts';
import type { Services } from '../services.ts';
import { type ClockState, type ServerClock, wallNow } from './sim-clock.ts';

// The operator's handle on a server started with SIMULATED_CLOCK=true (`simulation.clock`). Moving forward is
// always allowed; moving back only as far as the latest event, so the append-only event log stays in time
// order (a simulation positions a fresh server's clock once, before its history starts).

const iso = (ms: number) => new Date(ms).toISOString();

/** The server's simulated clock; NOT_FOUND, as if the procedure were absent, when SIMULATED_CLOCK is off. */
function clockOf(services: Services): ServerClock {
  if (!services.clock) {
    throw new AppError(
      'not_found',
      'This server runs on its wall clock; start it with SIMULATED_CLOCK=true (never in production) to simulate time',
    );
  }
  return services.clock;
}

/** The latest time in the event log, or null for an empty log. */
async function findLatestEventAt(services: Services): Promise<number | null> {
  const row = await services.db
    .selectFrom('event')
    .select(sql<number | null>`max(at)`.as('at'))
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}

/** The simulated "now", the wall clock, and the earliest time the clock may be moved to. */
export async function readServerClock(services: Services): Promise<ClockState> {
  const clock = clockOf(services);
  const latest = await findLatestEventAt(services);
  return {
    now: iso(clock.now()),
    wallClock: iso(wallNow()),
    notBefore: latest === null ? null : iso(latest),
  };
}

/** Moves the simulated clock to `toMs`: forward freely, back no further than the latest event. */
export async function moveServerClock(services: Services, toMs: number): Promise<ClockState> {
  const clock = clockOf(services);
  if (toMs < clock.now()) {
    const latest = await findLatestEventAt(services);
    if (latest !== null && toMs < latest) {
      throw new AppError(
        'invalid_input',
        `The clock cannot move back to ${iso(toMs)}: the event log already holds an event at ${iso(latest)}, and events stay in time order`,
      );
    }
  }
  clock.moveTo(toMs);
  services.logger.debug({ now: iso(toMs) }, 'simulated clock moved');
  return readServerClock(services);
}
