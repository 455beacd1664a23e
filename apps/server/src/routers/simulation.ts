import { SimulationClockSetInputSchema } from '@assay/schema';
import { moveServerClock, readServerClock } from '../simulator/server-clock.ts';
import { operatorProcedure, router } from '../trpc.ts';

// Simulated time on a server started with SIMULATED_CLOCK=true (refused in production): the simulator's
// --url mode moves the server's clock window by window. Without the flag every call answers NOT_FOUND.
export const simulationRouter = router({
  clock: router({
    /** The simulated now, the wall clock, and the earliest time the clock may be set to. Operators only. */
    get: operatorProcedure.query(({ ctx }) => readServerClock(ctx.services)),
    /** Moves the clock: forward freely, back no earlier than the latest event. Operators only. */
    set: operatorProcedure
      .input(SimulationClockSetInputSchema)
      .mutation(({ ctx, input }) => moveServerClock(ctx.services, Date.parse(input.to))),
  }),
});
