import { ClientEventBatchSchema, EventListInputSchema } from '@assay/schema';
import { TRPCError } from '@trpc/server';
import { listEvents } from '../events/list-events.ts';
import { RateLimiter, recordClientEvents } from '../events/record-client-events.ts';
import type { Services } from '../services.ts';
import { authedProcedure, operatorProcedure, router } from '../trpc.ts';

/** 20 batches per 10 seconds per user, bursts included. */
export const EVENT_BATCHES_PER_WINDOW = 20;
export const EVENT_WINDOW_MS = 10_000;

const limiters = new WeakMap<Services, RateLimiter>();
function limiterFor(services: Services): RateLimiter {
  const existing = limiters.get(services);
  if (existing) return existing;
  const limiter = new RateLimiter(EVENT_BATCHES_PER_WINDOW, EVENT_WINDOW_MS);
  limiters.set(services, limiter);
  return limiter;
}

export const eventRouter = router({
  /**
   * Records a batch of the caller's friction telemetry (any signed-in user; at most 100 events, client event
   * types only). Rate-limited per user: TOO_MANY_REQUESTS past 20 batches in 10 s.
   */
  record: authedProcedure.input(ClientEventBatchSchema).mutation(({ ctx, input }) => {
    if (!limiterFor(ctx.services).tryTake(ctx.user.id)) {
      throw new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: `At most ${EVENT_BATCHES_PER_WINDOW} event batches per ${EVENT_WINDOW_MS / 1000} seconds; wait and resend`,
      });
    }
    return recordClientEvents(ctx.services.db, { userId: ctx.user.id, events: input.events });
  }),

  /** Operator: the event log, newest first, filtered by type or data request, a page at a time. */
  list: operatorProcedure
    .input(EventListInputSchema.default({ limit: 50 }))
    .query(({ ctx, input }) => listEvents(ctx.services.db, input)),
});
