import { type QueueOrder, QueueOrderSchema, type QueueSort, QueueSortSchema } from '@assay/schema';

/**
 * What the review queue shows and in what order. It lives in the queue's URL (`?request=…&min=…&sort=…
 * &order=…`), so the filter survives going into a review and back, and a review decided from a filtered
 * queue goes on to the next version of that same queue.
 */
export interface QueueFilter {
  requestId: string | null;
  minScore: number | null;
  sort: QueueSort;
  order: QueueOrder;
}

export const DEFAULT_QUEUE_FILTER: QueueFilter = {
  requestId: null,
  minScore: null,
  sort: 'age',
  order: 'asc',
};

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filter a queue URL's search params say; a value that is not one the queue takes is left at its default. */
export function queueFilterOf(params: URLSearchParams): QueueFilter {
  const min = params.get('min');
  const minScore = min === null || min.trim() === '' ? Number.NaN : Number(min);
  const sort = QueueSortSchema.safeParse(params.get('sort'));
  const order = QueueOrderSchema.safeParse(params.get('order'));
  return {
    // Not a request's id (a garbled bookmark): the filter is left off, not sent to be refused.
    requestId: REQUEST_ID.test(params.get('request') ?? '') ? params.get('request') : null,
    minScore: minScore >= 0 && minScore <= 100 ? minScore : null,
    sort: sort.success ? sort.data : DEFAULT_QUEUE_FILTER.sort,
    order: order.success ? order.data : DEFAULT_QUEUE_FILTER.order,
  };
}

/**
 * The search params of a queue URL for `filter`: defaults are left out, so the plain queue is `/review`.
 * `extra` params (`limit`) are kept.
 */
export function queueSearchOf(filter: QueueFilter, extra?: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams(extra);
  for (const name of ['request', 'min', 'sort', 'order']) params.delete(name);
  if (filter.requestId !== null) params.set('request', filter.requestId);
  if (filter.minScore !== null) params.set('min', String(filter.minScore));
  if (filter.sort !== DEFAULT_QUEUE_FILTER.sort) params.set('sort', filter.sort);
  if (filter.order !== DEFAULT_QUEUE_FILTER.order) params.set('order', filter.order);
  return params;
}

/** The queue URL for `filter`. */
export function queuePath(filter: QueueFilter): string {
  const search = queueSearchOf(filter).toString();
  return search === '' ? '/review' : `/review?${search}`;
}

/** The `review.queue` input for the first `limit` versions of `filter`. */
export function queueInputOf(filter: QueueFilter, limit: number) {
  return {
    sort: filter.sort,
    order: filter.order,
    limit,
    ...(filter.requestId === null ? {} : { requestId: filter.requestId }),
    ...(filter.minScore === null ? {} : { minScore: filter.minScore }),
  };
}
