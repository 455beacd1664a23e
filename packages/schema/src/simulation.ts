import { z } from 'zod';

/**
 * Input of `simulation.clock.set` (servers started with SIMULATED_CLOCK=true only): the time to move the
 * server's clock to, an ISO date-time.
 */
export const SimulationClockSetInputSchema = z.object({
  to: z.iso.datetime({ offset: true }),
});
export type SimulationClockSetInput = z.infer<typeof SimulationClockSetInputSchema>;
