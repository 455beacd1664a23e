import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBenchData, mulberry32 } from '../bench/generate.ts';
import { loadBatch } from '../bench/load.ts';
import {
  type CellSummary,
  emptySummary,
  type LastSeenCounts,
  mergeSummary,
  parseCurve,
  parseSummary,
  type StoredCurve,
  SUMMARY_PARTS,
  type SummaryPart,
} from '../src/analytics/cell-summary.ts';
import { type Selection, selectCells, totalOf } from '../src/analytics/cells.ts';
import { computeFriction } from '../src/analytics/friction.ts';
import { getOrCreate, type ResolvedFilter, sortAscending } from '../src/analytics/query.ts';
import { rebuildAnalytics, refreshAnalytics } from '../src/analytics/refresh-rollups.ts';
import { quantile } from '../src/analytics/stats.ts';
import { type AnalyticsDb, withAnalyticsTables } from '../src/analytics/tables.ts';
import { appendEvents } from '../src/events/append-event.ts';
import { dialectsToRun } from './support/dialects.ts';
import { startTestApp, type TestApp } from './support/test-server.ts';

const dialects = await dialectsToRun();

const DAY = 86_400_000;
/** The benchmark generator's first day (a Monday); its history spans 180 days. */
const START = Date.parse('2025-01-06T00:00:00Z');

/** Maps as sorted [key, count] pairs without zero counts, so two summaries compare by content. */
const pairs = <K>(map: Map<K, number>) =>
  [...map].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const lastSeen = (counts: LastSeenCounts) => ({
  n: counts.n,
  findings: pairs(counts.findings),
  fields: pairs(counts.fields),
});
/** A summary in comparable form: every field, or only those of a part. */
function comparable(summary: CellSummary, part?: SummaryPart) {
  if (part) {
    const whole = comparable(summary) as Record<string, unknown>;
    return Object.fromEntries(SUMMARY_PARTS[part].map((field) => [field, whole[field]]));
  }
  return {
    ...summary,
    scoredOverall: pairs(summary.scoredOverall),
    acceptedNumber: pairs(summary.acceptedNumber),
    unsubmittedClosed: lastSeen(summary.unsubmittedClosed),
    unsubmittedOpen: lastSeen(summary.unsubmittedOpen),
    submitBuckets: pairs(summary.submitBuckets),
    latencyBuckets: pairs(summary.latencyBuckets),
    rejectionCodes: pairs(summary.rejectionCodes),
    rejectionDimensions: pairs(summary.rejectionDimensions),
  };
}
/** A curve's groups and its decisions' dimension scores, each in a fixed order. */
function comparableCurve(curve: StoredCurve | null) {
  if (!curve) return null;
  const groups = new Map<string, number[]>();
  for (const [week, overall, n, accepted] of curve.groups) {
    const group = getOrCreate(groups, `${week}|${overall}`, () => [week, overall, 0, 0]);
    group[2] = (group[2] as number) + n;
    group[3] = (group[3] as number) + accepted;
  }
  const quadruples: number[][] = [];
  for (let i = 0; i < curve.dimensions.length; i += 4) quadruples.push(curve.dimensions.slice(i, i + 4));
  const order = (a: number[], b: number[]) => a.findIndex((x, i) => x !== b[i]);
  return {
    groups: [...groups.values()].sort(
      (a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number),
    ),
    dimensions: quadruples.sort((a, b) => {
      const i = order(a, b);
      return i === -1 ? 0 : (a[i] as number) - (b[i] as number);
    }),
  };
}
/** A selection merged by its split's key (the week, or the request), comparable whatever cells it came from. */
function bySplit(selection: Selection, split: 'week' | 'request', part?: SummaryPart) {
  const merged = new Map<string, { summary: CellSummary; curve: StoredCurve | null }>();
  for (const cell of selection.cells) {
    const key = split === 'week' ? String(cell.week) : String(cell.requestId);
    const into = getOrCreate(merged, key, () => ({
      summary: emptySummary(),
      curve: cell.curve ? { groups: [], dimensions: [] } : null,
    }));
    mergeSummary(into.summary, cell.summary);
    if (into.curve && cell.curve) {
      into.curve.groups.push(...cell.curve.groups);
      into.curve.dimensions.push(...cell.curve.dimensions);
    }
  }
  return Object.fromEntries(
    [...merged]
      .map(
        ([key, cell]) =>
          [key, { summary: comparable(cell.summary, part), curve: comparableCurve(cell.curve) }] as const,
      )
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}
const abandonmentOf = (selection: Selection) =>
  selection.abandonment && {
    eligible: selection.abandonment.eligible,
    abandoned: lastSeen(selection.abandonment.abandoned),
  };

/**
 * Comes back to `count` never-submitted drafts days or weeks after they started (a field edited, a finding
 * seen), so drafts of old weeks are active after many an idle cut-off; and folds that into the rollups.
 */
async function reopenDrafts(app: TestApp, count: number) {
  const db = withAnalyticsTables(app.services.db);
  const random = mulberry32(5);
  const open = await db
    .selectFrom('analytics_submission_fact')
    .select(['submission_id', 'created_at'])
    .where('submitted_at', 'is', null)
    .where('created_at', 'is not', null)
    .orderBy('submission_id')
    .limit(count)
    .execute();
  await appendEvents(
    app.services.db,
    open.flatMap((fact) => {
      const at = Number(fact.created_at) + Math.round(DAY + random() * 40 * DAY);
      return [
        { type: 'field.edited' as const, submissionId: fact.submission_id, at, props: { field: 'title' } },
        {
          type: 'finding.shown' as const,
          submissionId: fact.submission_id,
          at: at + 1000,
          props: { code: random() < 0.5 ? 'context.missing-unit' : 'structure.ragged-rows' },
        },
      ];
    }),
  );
}

// The cells are a cache: whatever the filter, what a metric reads from them must be what it would read from
// every selected submission. Checked on two generated histories (the benchmark's generator, small), the
// second folded into the rollups incrementally after the first, as a live server would.
describe.each(dialects)('analytics cells on %s', (dialect) => {
  let app: TestApp;
  let db: AnalyticsDb;
  let requestIds: string[];

  beforeAll(async () => {
    app = await startTestApp(dialect, {}, { worker: false });
    db = withAnalyticsTables(app.services.db);
    const handle = { db: app.services.db, dialect, description: 'test' };
    for (const part of [0, 1]) {
      for (const batch of generateBenchData({ seed: part + 7, part, submissions: 1_500, events: 15_000 })) {
        await loadBatch(handle, batch);
      }
      await refreshAnalytics(db, dialect);
      if (part === 0) await reopenDrafts(app, 300);
    }
    requestIds = (await db.selectFrom('data_request').select('id').execute()).map((r) => r.id);
  }, 120_000);
  afterAll(() => app?.stop());

  it('agree with the submissions they summarise, for any filter and idle cut-off', async () => {
    const random = mulberry32(11);
    const instant = () => Math.round(START - 3 * DAY + random() * 190 * DAY);
    // Half the bounds fall in the first or last two days of a week, where a week is nearly whole.
    const nearWeekEdge = () => {
      const week = START + Math.floor(random() * 27) * 7 * DAY;
      return random() < 0.5
        ? week + Math.round(random() * 2 * DAY)
        : week + 7 * DAY - Math.round(random() * 2 * DAY);
    };
    const bound = () => (random() < 0.5 ? instant() : nearWeekEdge());
    let partial = 0;
    for (let round = 0; round < 80; round++) {
      const [a, b] = [bound(), bound()].sort((x, y) => x - y) as [number, number];
      const filter: ResolvedFilter = {
        fromMs: random() < 0.6 ? a : null,
        toMs: random() < 0.6 ? b : null,
        requestId: random() < 0.3 ? (requestIds[Math.floor(random() * requestIds.length)] ?? null) : null,
      };
      const idleBefore = random() < 0.5 ? bound() : undefined;
      const split = random() < 0.5 ? 'week' : 'request';
      const curve = split === 'week' && random() < 0.5;
      // Half the rounds read only the funnel's or the supply metric's part of the stored summaries.
      const part = random() < 0.5 ? undefined : random() < 0.5 ? 'funnel' : 'supply';
      const fromCells = await selectCells(db, filter, { split, idleBefore, curve, part });
      const fromRows = await selectCells(db, filter, { split, idleBefore, curve, fromRows: true });
      expect(bySplit(fromCells, split, part)).toEqual(bySplit(fromRows, split, part));
      expect(abandonmentOf(fromCells)).toEqual(abandonmentOf(fromRows));
      if (fromCells.cells.length > 0 && (filter.fromMs !== null || filter.toMs !== null || idleBefore))
        partial++;
    }
    // The rounds did cut through weeks (and so mixed stored cells with summarised submissions).
    expect(partial).toBeGreaterThan(10);
    // 160 queries, half of them summarising every submission: past 30 s on PostgreSQL once when the
    // machine was busy with other test runs.
  }, 120_000);

  it('give exact quantiles: the same as sorting every duration', async () => {
    const filters: ResolvedFilter[] = [
      { fromMs: null, toMs: null, requestId: null },
      { fromMs: START + 17 * DAY + 12_345, toMs: START + 95 * DAY - 1, requestId: null },
      { fromMs: null, toMs: null, requestId: requestIds[3] ?? null },
    ];
    for (const filter of filters) {
      const friction = await computeFriction(db, dialect, filter, { idleHours: 72 });
      const submits = await db
        .selectFrom('analytics_submission_fact')
        .select(['submit_ms', 'created_at', 'request_id'])
        .where('submit_ms', 'is not', null)
        .execute();
      const selected = submits
        .filter(
          (row) =>
            (filter.fromMs === null || Number(row.created_at) >= filter.fromMs) &&
            (filter.toMs === null || Number(row.created_at) < filter.toMs) &&
            (filter.requestId === null || row.request_id === filter.requestId),
        )
        .map((row) => Number(row.submit_ms));
      const sorted = sortAscending(selected);
      expect(selected.length).toBeGreaterThan(5);
      expect(friction.draftToSubmit).toEqual({
        n: sorted.length,
        medianMs: quantile(sorted, 0.5),
        p90Ms: quantile(sorted, 0.9),
      });
    }
    const latencies = await db
      .selectFrom('analytics_decision_fact')
      .select('latency_ms')
      .where('latency_ms', 'is not', null)
      .execute();
    const sorted = sortAscending(latencies.map((row) => Number(row.latency_ms)));
    const friction = await computeFriction(
      db,
      dialect,
      { fromMs: null, toMs: null, requestId: null },
      {
        idleHours: 72,
      },
    );
    expect(friction.reviewLatency).toEqual({
      n: sorted.length,
      medianMs: quantile(sorted, 0.5),
      p90Ms: quantile(sorted, 0.9),
    });
  });

  it("follow a renumbering: an earlier submit shifts the contributor's submissions in other weeks", async () => {
    const [contributor] = await db
      .selectFrom('analytics_submission_fact')
      .select('contributor_id')
      .where('submitted_rank', 'is not', null)
      .where('decided_at', 'is not', null)
      .groupBy('contributor_id')
      .having((eb) => eb.fn.count('created_week').distinct(), '>=', 2)
      .orderBy('contributor_id')
      .limit(1)
      .execute();
    expect(contributor?.contributor_id).toBeTruthy();
    const nth = async (fromRows: boolean) => {
      const selection = await selectCells(
        db,
        { fromMs: null, toMs: null, requestId: null },
        { split: 'request', fromRows },
      );
      const total = totalOf(selection.cells);
      return { decided: pairs(total.nthDecided), accepted: pairs(total.nthAccepted) };
    };
    const before = await nth(false);
    // A submission made before all the others (its week is new), folded now: every other one moves up by one.
    const submissionId = crypto.randomUUID();
    await appendEvents(app.services.db, [
      { type: 'submission.created', submissionId, actorId: contributor?.contributor_id, at: START - 2 * DAY },
      { type: 'version.submitted', submissionId, actorId: contributor?.contributor_id, at: START - DAY },
    ]);
    await refreshAnalytics(db, dialect);
    const after = await nth(false);
    expect(after).not.toEqual(before);
    expect(after).toEqual(await nth(true));
  });

  it('kept incrementally are the cells a rebuild from the event log makes', async () => {
    const cells = () =>
      db
        .selectFrom('analytics_cell')
        .select(['week', 'request_key', 'summary', 'curve'])
        .orderBy('week')
        .orderBy('request_key')
        .execute()
        .then((rows) =>
          rows.map((row) => ({
            ...row,
            week: Number(row.week),
            summary: comparable(parseSummary(row.summary)),
            curve: comparableCurve(parseCurve(row.curve)),
          })),
        );
    const incremental = await cells();
    expect(incremental.length).toBeGreaterThan(100);
    await rebuildAnalytics(db, dialect);
    const rebuilt = await cells();
    expect(rebuilt).toEqual(incremental);
  });
});
