import { FUNNEL_STEPS, type FunnelStep } from '@assay/schema';
import type { Dialect } from '../db/connect.ts';
import { getOrCreate, isoDate, isSelectedSubmission, type ResolvedFilter } from './query.ts';
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
 * Split by cohort (week of draft start, Monday UTC) and by data request.
 */
export async function computeFunnel(
  db: AnalyticsDb,
  dialect: Dialect,
  filter: ResolvedFilter,
): Promise<FunnelResult> {
  await refreshAnalytics(db, dialect);
  // Stored group keys (the rollup's cohort week and furthest step), read in the order of their covering index.
  const rows = await db
    .selectFrom('analytics_submission_fact as f')
    .where((eb) => isSelectedSubmission(eb, filter, 'f'))
    .select([
      'f.created_week as week',
      'f.request_id',
      'f.furthest_step as furthest',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .groupBy(['f.created_week', 'f.request_id', 'f.furthest_step'])
    .execute();

  const total = new Array<number>(FUNNEL_STEPS.length).fill(0);
  const byWeek = new Map<number, number[]>();
  const byRequest = new Map<string | null, number[]>();
  for (const row of rows) {
    const n = Number(row.n);
    const step = Number(row.furthest);
    const week = Number(row.week);
    const zeros = () => new Array<number>(FUNNEL_STEPS.length).fill(0);
    const weekCounts = getOrCreate(byWeek, week, zeros);
    const requestCounts = getOrCreate(byRequest, row.request_id, zeros);
    // Furthest step k counts at every step 0..k.
    for (let k = 0; k <= step; k++) {
      total[k] = (total[k] ?? 0) + n;
      weekCounts[k] = (weekCounts[k] ?? 0) + n;
      requestCounts[k] = (requestCounts[k] ?? 0) + n;
    }
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
