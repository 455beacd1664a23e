import { FUNNEL_STEPS, type FunnelStep } from '@assay/schema';
import type { Dialect } from '../db/connect.ts';
import { selectCells } from './cells.ts';
import { getOrCreate, isoDate, type ResolvedFilter } from './query.ts';
import { refreshAnalytics } from './refresh-rollups.ts';
import type { AnalyticsDb } from './tables.ts';

/** One step of a funnel: how many submissions reached it, and the conversions into it. */
export interface FunnelStepCount {
  step: FunnelStep;
  count: number;
  /** count / count of the previous step; null for the first step or when the previous step is 0. */
  conversion: number | null;
  /** count / count of the first step; null when no draft started. */
  fromStart: number | null;
}

export interface FunnelResult {
  steps: FunnelStepCount[];
  /** Per cohort: the UTC week (Monday, YYYY-MM-DD) in which the drafts started. */
  byCohort: { week: string; steps: FunnelStepCount[] }[];
  /** Per data request (null: submissions made to no request), largest first. */
  byRequest: { requestId: string | null; title: string | null; steps: FunnelStepCount[] }[];
}

/**
 * **Friction funnel.** Unit: a submission (one draft and its versions), selected by when its draft started.
 * Each submission's furthest step is the last of draft started → file attached → manifest completed →
 * pre-score seen → submitted → scored → decided → accepted that its events show, where the events are
 * `submission.created`/`draft.started`, `file.attached`, `manifest.completed`, `prescore.seen`,
 * `version.submitted`, `version.scored`, `version.decided`, and `version.decided` with decision `accept`.
 *
 * - count(step k) = #submissions whose furthest step ≥ k (reaching a later step implies the earlier ones, so a
 *   client that sent no telemetry still counts as having attached a file once it submitted);
 * - conversion(k) = count(k) / count(k − 1);  fromStart(k) = count(k) / count(draft started).
 *
 * Split by cohort (week of draft start, Monday UTC) and by data request. Read from the pre-aggregated
 * cells (cells.ts).
 */
export async function computeFunnel(
  db: AnalyticsDb,
  dialect: Dialect,
  filter: ResolvedFilter,
): Promise<FunnelResult> {
  await refreshAnalytics(db, dialect);
  // Cohorts and totals from the weeks' cells, requests from the requests' cells.
  const [byWeekCells, byRequestCells] = await Promise.all([
    selectCells(db, filter, { split: 'week', part: 'funnel' }),
    selectCells(db, filter, { split: 'request', part: 'funnel' }),
  ]);

  const zeros = () => new Array<number>(FUNNEL_STEPS.length).fill(0);
  const total = zeros();
  const byWeek = new Map<number, number[]>();
  const byRequest = new Map<string | null, number[]>();
  // Furthest step k counts at every step 0..k.
  const add = (counts: number[], furthest: number[]) =>
    furthest.forEach((n, step) => {
      for (let k = 0; k <= step; k++) counts[k] = (counts[k] ?? 0) + n;
    });
  for (const { week, summary } of byWeekCells.cells) {
    add(total, summary.furthest);
    // Drafts whose start is unknown count in the totals and by request, but in no cohort.
    if (week !== -1) add(getOrCreate(byWeek, week, zeros), summary.furthest);
  }
  for (const { requestId, summary } of byRequestCells.cells) {
    if (requestId !== undefined) add(getOrCreate(byRequest, requestId, zeros), summary.furthest);
  }

  const requestIds = [...byRequest.keys()].filter((id): id is string => id !== null);
  const titles = new Map<string, string>();
  for (let i = 0; i < requestIds.length; i += 1000) {
    const found = await db
      .selectFrom('data_request')
      .select(['id', 'title'])
      .where('id', 'in', requestIds.slice(i, i + 1000))
      .execute();
    for (const request of found) titles.set(request.id, request.title);
  }

  return {
    steps: toSteps(total),
    byCohort: [...byWeek.entries()]
      .sort(([a], [b]) => a - b)
      .map(([week, counts]) => ({ week: isoDate(week), steps: toSteps(counts) })),
    byRequest: [...byRequest.entries()]
      .sort(([, a], [, b]) => (b[0] ?? 0) - (a[0] ?? 0))
      .map(([requestId, counts]) => ({
        requestId,
        title: requestId === null ? null : (titles.get(requestId) ?? null),
        steps: toSteps(counts),
      })),
  };
}

/** Counts per step → counts with step conversion and conversion from the start. */
export function toSteps(counts: number[]): FunnelStepCount[] {
  const first = counts[0] ?? 0;
  return FUNNEL_STEPS.map((step, k) => {
    const count = counts[k] ?? 0;
    const previous = k === 0 ? 0 : (counts[k - 1] ?? 0);
    return {
      step,
      count,
      conversion: k === 0 || previous === 0 ? null : count / previous,
      fromStart: first === 0 ? null : count / first,
    };
  });
}
