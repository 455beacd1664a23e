import { Actor, trpcCode } from './actor.ts';
import { remoteClock, type SimClock, wallClock, wallNow } from './sim-clock.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The clock for a simulation against a separately running server (--url). A server started with
 * SIMULATED_CLOCK=true answers `simulation.clock.get`: its clock is moved back to `days` before now (or to
 * just after the latest event it already holds, if that is later), on the hour, and the simulation then moves
 * it forward window by window. Any other server keeps its wall clock, and the history is compressed into the
 * run's real minutes; `log` says which.
 */
export async function connectClock(options: {
  url: string;
  operator: { email: string; password: string };
  days: number;
  log: (line: string) => void;
}): Promise<SimClock> {
  const operator = new Actor(options.url, options.operator.email, options.operator.password, 'Operator');
  await operator.signIn();
  let state: Awaited<ReturnType<typeof operator.client.simulation.clock.get.query>>;
  try {
    state = await operator.call((c) => c.simulation.clock.get.query());
  } catch (error) {
    if (trpcCode(error) !== 'NOT_FOUND') throw error;
    options.log(
      `${options.url} runs on its wall clock (start it with SIMULATED_CLOCK=true for simulated time): the ${options.days} simulated days are compressed into this run's real minutes, so weekly charts and durations collapse.`,
    );
    return wallClock();
  }
  const move = (toMs: number) =>
    operator.call((c) => c.simulation.clock.set.mutate({ to: new Date(toMs).toISOString() }));
  const wanted = wallNow() - options.days * DAY;
  const earliest = state.notBefore === null ? wanted : Date.parse(state.notBefore) + 1;
  const start = Math.ceil(Math.max(wanted, earliest) / HOUR) * HOUR;
  const clock = remoteClock(await move(start), move);
  const end = new Date(start + options.days * DAY).toISOString();
  options.log(
    `${options.url} runs on a simulated clock (SIMULATED_CLOCK=true): simulating ${new Date(start).toISOString()} to ${end}.`,
  );
  if (start > wanted + HOUR) {
    options.log(
      `The server already holds events up to ${state.notBefore}, so this history starts there and runs past the wall clock.`,
    );
  }
  return clock;
}
