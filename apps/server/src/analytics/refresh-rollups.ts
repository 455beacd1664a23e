import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Dialect } from '../db/connect.ts';
import { weekKey } from './cell-summary.ts';
import { recomputeCells } from './cells.ts';
import { weekStart } from './query.ts';
import type { AnalyticsDb, DecisionFactTable, SubmissionFactTable, ValidationFactTable } from './tables.ts';

// The rollups are a cache of the event log (and of the version rows its events name), never a second source
// of truth. analytics_submission_fact folds each submission's events into who/when/which request, first-times,
// last activity, its latest scored version and its accepted version; analytics_decision_fact and
// analytics_validation_fact hold one row per decided version and per validation failure. Every column is an
// idempotent merge (min, max, latest by time, highest version number; a row keyed by the version or event
// it comes from is written once), so reading an event twice changes nothing and two processes refreshing at
// once cannot corrupt them. The one derived column, `submitted_rank`, is recomputed from the facts for every
// contributor a refresh touched. The cells (cells.ts) are recomputed from the facts for every cohort week a
// refresh touched. `rebuildAnalytics` empties them all and replays everything.

const CURSOR = 'submission_fact';
const EVENT_PAGE = 20_000;
const UPSERT_CHUNK = 500;
const VERSION_CHUNK = 1_000;
/** Contributors renumbered per statement. */
const RANK_CHUNK = 500;
/** Ids skipped by a refresh are re-read for this long, in case their transaction commits late. */
const GAP_TTL_MS = 60_000;
const MAX_GAPS = 10_000;
/** Events folded at once after which statistics are refreshed (and, on PostgreSQL, dead rows vacuumed). */
const LARGE_FOLD = 50_000;
const ROLLUP_TABLES = [
  'analytics_submission_fact',
  'analytics_decision_fact',
  'analytics_validation_fact',
  'analytics_cell',
];

/**
 * Finding codes (packages/quality) that mean the version fails a request's licence requirement, or the
 * consent basis it asks for (the request's other provenance requirement).
 */
export const LICENCE_FINDINGS: ReadonlySet<string> = new Set([
  'provenance.license-missing',
  'provenance.license-unknown',
  'provenance.license-not-accepted',
  'provenance.license-not-commercial',
  'provenance.consent-not-accepted',
]);

/** Finding codes that mean the file does not have the task, columns, types or labels the request asked for. */
export const SCHEMA_FINDINGS: ReadonlySet<string> = new Set([
  'structure.required-column-missing',
  'structure.column-missing',
  'structure.type-mismatch',
  'structure.label-column-missing',
  'structure.label-set-mismatch',
  'structure.label-outside-schema',
  'structure.task-mismatch',
  'structure.target-not-numeric',
]);

type Fact = SubmissionFactTable;
type Column = keyof Fact;

/** Which first-time column an event type sets. */
const FIRST_COLUMN: Partial<Record<string, Column>> = {
  'submission.created': 'draft_at',
  'draft.started': 'draft_at',
  'file.attached': 'file_at',
  'manifest.completed': 'manifest_at',
  'prescore.seen': 'prescore_at',
  'version.submitted': 'submitted_at',
  'version.scored': 'scored_at',
  'version.decided': 'decided_at',
  'version.withdrawn': 'withdrawn_at',
  'draft.abandoned': 'abandoned_at',
};

const EARLIEST: Column[] = [
  'created_at',
  'draft_at',
  'file_at',
  'manifest_at',
  'prescore_at',
  'submitted_at',
  'scored_at',
  'decided_at',
  'accepted_at',
  'withdrawn_at',
  'abandoned_at',
];
const SCORED: Column[] = [
  'scored_number',
  'scored_rows',
  'scored_overall',
  'scored_context',
  'scored_fails_licence',
  'scored_fails_schema',
];

interface EventRead {
  id: number;
  type: string;
  actor_id: string | null;
  submission_id: string | null;
  version_id: string | null;
  request_id: string | null;
  props: string;
  at: number;
}

/** What a fold needs from a version its events name. */
export interface VersionRead {
  id: string;
  number: number;
  row_count: number | null;
  score_overall: number | null;
  score_structure: number | null;
  score_context: number | null;
  score_provenance: number | null;
  scored_at: number | null;
  report: string | null;
}

type Decision = DecisionFactTable;
type Validation = ValidationFactTable;

const emptyFact = (submissionId: string): Fact => ({
  submission_id: submissionId,
  contributor_id: null,
  request_id: null,
  created_at: null,
  draft_at: null,
  file_at: null,
  manifest_at: null,
  prescore_at: null,
  submitted_at: null,
  scored_at: null,
  decided_at: null,
  accepted_at: null,
  withdrawn_at: null,
  abandoned_at: null,
  last_at: null,
  last_finding_at: null,
  last_finding_code: null,
  last_field_at: null,
  last_field: null,
  scored_number: null,
  scored_rows: null,
  scored_overall: null,
  scored_context: null,
  scored_fails_licence: null,
  scored_fails_schema: null,
  accepted_number: null,
  accepted_rows: null,
  paid_at: null,
  paid_cents: null,
  submitted_rank: null,
  submit_ms: null,
  created_week: null,
  furthest_step: 0,
});

/** The funnel's steps 1–7 (0 is draft started, which every submission reached), by their first-time column. */
const STEP_COLUMNS = [
  'file_at',
  'manifest_at',
  'prescore_at',
  'submitted_at',
  'scored_at',
  'decided_at',
  'accepted_at',
] as const satisfies readonly Column[];

/** The highest funnel step whose first-time column is set (0 when none is). */
export function furthestStep(fact: Fact): number {
  for (let step = STEP_COLUMNS.length; step >= 1; step--) {
    if (fact[STEP_COLUMNS[step - 1]!] !== null) return step;
  }
  return 0;
}

const minOrNull = (a: number | null, b: number) => (a === null || b < a ? b : a);

/** Whether (at, value) is later than the stored (currentAt, currentValue): later time, ties by value. */
const isLater = (at: number, value: string, currentAt: number | null, currentValue: string | null) =>
  currentAt === null || at > currentAt || (at === currentAt && value > (currentValue ?? ''));

/**
 * Folds one event into its submission's fact, with the same merge rules as the SQL upsert. `versions` holds
 * the versions named by `version.scored` and accepting `version.decided` events.
 */
export function foldEvent(
  facts: Map<string, Fact>,
  event: EventRead,
  versions: Map<string, VersionRead>,
): void {
  if (!event.submission_id) return;
  let fact = facts.get(event.submission_id);
  if (!fact) {
    fact = emptyFact(event.submission_id);
    facts.set(event.submission_id, fact);
  }
  const at = Number(event.at);
  fact.last_at = fact.last_at === null ? at : Math.max(fact.last_at, at);
  const column = FIRST_COLUMN[event.type];
  if (column)
    (fact as unknown as Record<string, number | null>)[column] = minOrNull(fact[column] as number | null, at);
  switch (event.type) {
    case 'submission.created':
      fact.created_at = minOrNull(fact.created_at, at);
      fact.created_week = weekStart(fact.created_at);
      fact.contributor_id = event.actor_id ?? fact.contributor_id;
      fact.request_id = event.request_id ?? fact.request_id;
      break;
    case 'version.scored': {
      const version = event.version_id ? versions.get(event.version_id) : undefined;
      if (version && (fact.scored_number === null || version.number > fact.scored_number)) {
        const codes = findingCodes(version.report);
        fact.scored_number = version.number;
        fact.scored_rows = version.row_count;
        fact.scored_overall = version.score_overall;
        fact.scored_context = version.score_context;
        fact.scored_fails_licence = codes.some((code) => LICENCE_FINDINGS.has(code)) ? 1 : 0;
        fact.scored_fails_schema = codes.some((code) => SCHEMA_FINDINGS.has(code)) ? 1 : 0;
      }
      break;
    }
    case 'version.decided': {
      const props = parseProps(event.props);
      if (props.decision !== 'accept') break;
      fact.accepted_at = minOrNull(fact.accepted_at, at);
      const version = event.version_id ? versions.get(event.version_id) : undefined;
      if (version && fact.accepted_number === null) {
        fact.accepted_number = version.number;
        fact.accepted_rows = version.row_count;
      }
      break;
    }
    case 'ledger.paid': {
      const props = parseProps(event.props);
      const cents = typeof props.rewardCents === 'number' ? props.rewardCents : props.amountCents;
      if (typeof cents === 'number' && (fact.paid_at === null || at < fact.paid_at)) {
        fact.paid_at = at;
        fact.paid_cents = cents;
      }
      break;
    }
    case 'finding.shown': {
      const code = parseProps(event.props).code;
      if (typeof code === 'string' && isLater(at, code, fact.last_finding_at, fact.last_finding_code)) {
        fact.last_finding_at = at;
        fact.last_finding_code = code;
      }
      break;
    }
    case 'field.edited': {
      const field = parseProps(event.props).field;
      if (typeof field === 'string' && isLater(at, field, fact.last_field_at, fact.last_field)) {
        fact.last_field_at = at;
        fact.last_field = field;
      }
      break;
    }
  }
  fact.furthest_step = furthestStep(fact);
  fact.submit_ms =
    fact.submitted_at === null || fact.draft_at === null ? null : fact.submitted_at - fact.draft_at;
}

function parseProps(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function findingCodes(report: string | null): string[] {
  if (!report) return [];
  try {
    const parsed = JSON.parse(report) as { findings?: { code?: unknown }[] };
    return (parsed.findings ?? []).flatMap((f) => (typeof f.code === 'string' ? [f.code] : []));
  } catch {
    return [];
  }
}

/** Per database handle: ids skipped by earlier refreshes (with when first seen), and the refresh in flight. */
const gapsByDb = new WeakMap<object, Map<number, number>>();
const inflightByDb = new WeakMap<object, Promise<unknown>>();

/**
 * Brings the rollup up to date with the event log; cheap when nothing changed. Every metric calls it first,
 * so a metric always reflects every committed event.
 */
export async function refreshAnalytics(db: AnalyticsDb, dialect: Dialect): Promise<void> {
  const previous = inflightByDb.get(db);
  if (previous) await previous.catch(() => undefined);
  const run = refreshSubmissionFacts(db, dialect);
  inflightByDb.set(db, run);
  try {
    await run;
  } finally {
    if (inflightByDb.get(db) === run) inflightByDb.delete(db);
  }
}

/** Empties the rollup and replays the whole event log into it. */
export async function rebuildAnalytics(db: AnalyticsDb, dialect: Dialect): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('analytics_submission_fact').execute();
    await trx.deleteFrom('analytics_decision_fact').execute();
    await trx.deleteFrom('analytics_validation_fact').execute();
    await trx.deleteFrom('analytics_cell').execute();
    await trx.deleteFrom('analytics_cursor').execute();
  });
  gapsByDb.delete(db);
  await refreshAnalytics(db, dialect);
}

const EVENT_COLUMNS = [
  'id',
  'type',
  'actor_id',
  'submission_id',
  'version_id',
  'request_id',
  'props',
  'at',
] as const;

/**
 * Reads events after the cursor, page by page, and merges them into `analytics_submission_fact`. On
 * PostgreSQL ids are handed out before commit, so an id below the cursor may become visible later: ids a
 * refresh skipped are remembered and re-read for {@link GAP_TTL_MS} (merges are idempotent, so a re-read is
 * harmless).
 */
async function refreshSubmissionFacts(db: AnalyticsDb, dialect: Dialect): Promise<void> {
  const cursorRow = await db
    .selectFrom('analytics_cursor')
    .select('position')
    .where('name', '=', CURSOR)
    .executeTakeFirst();
  const start = Number(cursorRow?.position ?? 0);
  let gaps = gapsByDb.get(db);
  if (!gaps) {
    gaps = new Map();
    gapsByDb.set(db, gaps);
  }
  const nowMs = performance.now();
  const touched = new Set<string>();
  const touchedWeeks = new Set<number>();

  // Late commits of ids skipped earlier.
  for (const [id, seenAt] of gaps) if (nowMs - seenAt > GAP_TTL_MS) gaps.delete(id);
  const gapIds = [...gaps.keys()];
  for (let i = 0; i < gapIds.length; i += VERSION_CHUNK) {
    const found = await db
      .selectFrom('event')
      .select(EVENT_COLUMNS)
      .where('id', 'in', gapIds.slice(i, i + VERSION_CHUNK))
      .execute();
    for (const event of found) gaps.delete(Number(event.id));
    await foldPage(db, dialect, found, touched, touchedWeeks);
  }

  let position = start;
  for (;;) {
    const page = await db
      .selectFrom('event')
      .select(EVENT_COLUMNS)
      .where('id', '>', position)
      .orderBy('id')
      .limit(EVENT_PAGE)
      .execute();
    for (const event of page) {
      const id = Number(event.id);
      for (let missing = position + 1; missing < id && gaps.size < MAX_GAPS; missing++)
        gaps.set(missing, nowMs);
      position = id;
    }
    await foldPage(db, dialect, page, touched, touchedWeeks);
    if (page.length < EVENT_PAGE) break;
  }

  // After a large fold the planners' statistics describe much smaller tables (SQLite has none until ANALYZE;
  // PostgreSQL's autovacuum gets there later), and plans made from them can be disastrous — numbering the
  // submissions below, or a metric. So: fresh statistics before numbering, and on PostgreSQL a vacuum after
  // it, since every merge and renumbering leaves a dead row version behind that scans would still read.
  const isLarge = position - start >= LARGE_FOLD;
  if (isLarge) for (const table of ROLLUP_TABLES) await sql`analyze ${sql.table(table)}`.execute(db);
  if (touched.size > 0) await rankSubmissions(db, touched, touchedWeeks);
  if (touchedWeeks.size > 0) await recomputeCells(db, dialect, touchedWeeks);
  if (isLarge && dialect === 'postgres') {
    for (const table of ROLLUP_TABLES) await sql`vacuum ${sql.table(table)}`.execute(db);
  }
  if (position > start) {
    await db
      .insertInto('analytics_cursor')
      .values({ name: CURSOR, position })
      .onConflict((oc) => oc.column('name').doUpdateSet({ position: greatest(dialect, position) }))
      .execute();
  }
}

/** Folds a page of events (reading the versions they name) and merges the result into the table. */
async function foldPage(
  db: AnalyticsDb,
  dialect: Dialect,
  events: EventRead[],
  /** Collects the submissions whose contributor's numbering may have changed. */
  touched: Set<string>,
  /** Collects the cohort weeks (-1: unknown) whose cells may have changed. */
  touchedWeeks: Set<number>,
): Promise<void> {
  if (events.length === 0) return;
  const wanted = new Set<string>();
  for (const event of events) {
    if (event.version_id && (event.type === 'version.scored' || event.type === 'version.decided')) {
      wanted.add(event.version_id);
    }
  }
  const versions = new Map<string, VersionRead>();
  const ids = [...wanted];
  for (let i = 0; i < ids.length; i += VERSION_CHUNK) {
    const rows = await db
      .selectFrom('submission_version')
      .select([
        'id',
        'number',
        'row_count',
        'score_overall',
        'score_structure',
        'score_context',
        'score_provenance',
        'scored_at',
        'report',
      ])
      .where('id', 'in', ids.slice(i, i + VERSION_CHUNK))
      .execute();
    for (const row of rows) versions.set(row.id, row);
  }
  const facts = new Map<string, Fact>();
  const decisions = new Map<string, Decision>();
  const validations: Validation[] = [];
  for (const event of events) {
    foldEvent(facts, event, versions);
    const decision = toDecision(event, versions);
    if (decision) decisions.set(decision.version_id, decision);
    const validation = toValidation(event);
    if (validation) validations.push(validation);
  }
  // A fact leaves its old week's cell if its start moves (an earlier `submission.created` folded later).
  const factIds = [...facts.keys()];
  for (let i = 0; i < factIds.length; i += VERSION_CHUNK) {
    const rows = await db
      .selectFrom('analytics_submission_fact')
      .select('created_week')
      .distinct()
      .where('submission_id', 'in', factIds.slice(i, i + VERSION_CHUNK))
      .execute();
    for (const row of rows)
      touchedWeeks.add(weekKey(row.created_week === null ? null : Number(row.created_week)));
  }
  for (const fact of facts.values()) touchedWeeks.add(weekKey(fact.created_week));
  await upsertFacts(db, dialect, [...facts.values()]);
  const rows = [...decisions.values()];
  for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
    // A version is decided once; a replayed event finds its row already there.
    await db
      .insertInto('analytics_decision_fact')
      .values(rows.slice(i, i + UPSERT_CHUNK))
      .onConflict((oc) => oc.column('version_id').doNothing())
      .execute();
  }
  for (let i = 0; i < validations.length; i += UPSERT_CHUNK) {
    // Keyed by the event id: a replayed event finds its row already there.
    await db
      .insertInto('analytics_validation_fact')
      .values(validations.slice(i, i + UPSERT_CHUNK))
      .onConflict((oc) => oc.column('event_id').doNothing())
      .execute();
  }
  // A submission's rank among its contributor's submissions changes when it is submitted (or when its
  // `submission.created`, which names the contributor, is folded after its submit).
  for (const fact of facts.values()) {
    if (fact.submitted_at !== null || fact.contributor_id !== null) touched.add(fact.submission_id);
  }
}

/** The validation fact of a `validation.failed` event, or null for any other event. */
export function toValidation(event: EventRead): Validation | null {
  if (event.type !== 'validation.failed' || !event.submission_id) return null;
  const count = parseProps(event.props).count;
  return {
    event_id: Number(event.id),
    submission_id: event.submission_id,
    errors: typeof count === 'number' && Number.isFinite(count) ? count : 1,
  };
}

/**
 * Numbers the submitted submissions of every contributor who owns one of `submissionIds`: 1, 2, … in order
 * of first submit (ties by id), into `submitted_rank`. A pure function of the facts, so recomputing it is
 * always safe; only rows whose rank changes are written.
 */
async function rankSubmissions(
  db: AnalyticsDb,
  submissionIds: Set<string>,
  /** Collects the cohort weeks of renumbered submissions (their cells count by rank). */
  touchedWeeks: Set<number>,
): Promise<void> {
  const ids = [...submissionIds];
  const contributors = new Set<string>();
  for (let i = 0; i < ids.length; i += VERSION_CHUNK) {
    const rows = await db
      .selectFrom('analytics_submission_fact')
      .select('contributor_id')
      .distinct()
      .where('submission_id', 'in', ids.slice(i, i + VERSION_CHUNK))
      .where('contributor_id', 'is not', null)
      .where('submitted_at', 'is not', null)
      .execute();
    for (const row of rows) if (row.contributor_id !== null) contributors.add(row.contributor_id);
  }
  const owners = [...contributors];
  for (let i = 0; i < owners.length; i += RANK_CHUNK) {
    const ranked = db
      .selectFrom('analytics_submission_fact')
      .where('contributor_id', 'in', owners.slice(i, i + RANK_CHUNK))
      .where('submitted_at', 'is not', null)
      .select([
        'submission_id',
        sql<number>`row_number() over (partition by contributor_id order by submitted_at, submission_id)`.as(
          'rank',
        ),
      ]);
    const renumbered = await db
      .updateTable('analytics_submission_fact as f')
      .from(ranked.as('r'))
      .set({ submitted_rank: sql.ref('r.rank') })
      .whereRef('f.submission_id', '=', 'r.submission_id')
      .where((eb) =>
        eb.or([eb('f.submitted_rank', 'is', null), eb('f.submitted_rank', '<>', eb.ref('r.rank'))]),
      )
      .returning('created_week')
      .execute();
    for (const row of renumbered) {
      touchedWeeks.add(weekKey(row.created_week === null ? null : Number(row.created_week)));
    }
  }
}

/** The decision fact of a `version.decided` event, or null for any other event. */
export function toDecision(event: EventRead, versions: Map<string, VersionRead>): Decision | null {
  if (event.type !== 'version.decided' || !event.version_id || !event.submission_id) return null;
  const version = versions.get(event.version_id);
  const props = parseProps(event.props);
  if (!version || typeof props.decision !== 'string') return null;
  const reasons = Array.isArray(props.reasonCodes)
    ? props.reasonCodes
    : typeof props.reasonCodes === 'string'
      ? props.reasonCodes.split(',')
      : [];
  return {
    version_id: event.version_id,
    submission_id: event.submission_id,
    number: version.number,
    decision: props.decision,
    reason_codes: JSON.stringify(reasons.filter((code): code is string => typeof code === 'string').sort()),
    decided_at: Number(event.at),
    decided_week: weekStart(Number(event.at)),
    scored_at: version.scored_at === null ? null : Number(version.scored_at),
    latency_ms: version.scored_at === null ? null : Number(event.at) - Number(version.scored_at),
    overall: version.score_overall,
    structure: version.score_structure,
    context: version.score_context,
    provenance: version.score_provenance,
  };
}

/** Merges folded facts into the table, chunk by chunk. */
async function upsertFacts(db: AnalyticsDb, dialect: Dialect, rows: Fact[]): Promise<void> {
  const t = (column: Column) => sql.ref(`analytics_submission_fact.${column}`);
  const x = (column: Column) => sql.ref(`excluded.${column}`);
  const earliest = (column: Column) =>
    dialect === 'postgres'
      ? sql`least(${t(column)}, ${x(column)})`
      : sql`min(coalesce(${t(column)}, ${x(column)}), coalesce(${x(column)}, ${t(column)}))`;
  const latest = (column: Column) =>
    dialect === 'postgres'
      ? sql`greatest(${t(column)}, ${x(column)})`
      : sql`max(coalesce(${t(column)}, ${x(column)}), coalesce(${x(column)}, ${t(column)}))`;
  // The newer of two (time, value) pairs; every column is set from a test that sees the old row.
  const isNewer = (at: Column, value: Column) =>
    sql`(${x(at)} is not null and (${t(at)} is null or ${x(at)} > ${t(at)} or (${x(at)} = ${t(at)} and ${x(value)} > ${t(value)})))`;
  const pickIf = (test: RawBuilder<unknown>, column: Column) =>
    sql`case when ${test} then ${x(column)} else ${t(column)} end`;
  const isHigherVersion = sql`(${x('scored_number')} is not null and (${t('scored_number')} is null or ${x('scored_number')} > ${t('scored_number')}))`;
  const isEarlierPayment = sql`(${x('paid_at')} is not null and (${t('paid_at')} is null or ${x('paid_at')} < ${t('paid_at')}))`;

  const updates: Record<string, RawBuilder<unknown>> = {};
  for (const column of EARLIEST) updates[column] = earliest(column);
  updates.last_at = latest('last_at');
  updates.created_week = earliest('created_week');
  updates.furthest_step = latest('furthest_step');
  updates.submit_ms = sql`${earliest('submitted_at')} - ${earliest('draft_at')}`;
  updates.contributor_id = sql`coalesce(${x('contributor_id')}, ${t('contributor_id')})`;
  updates.request_id = sql`coalesce(${x('request_id')}, ${t('request_id')})`;
  for (const column of ['last_finding_at', 'last_finding_code'] as const) {
    updates[column] = pickIf(isNewer('last_finding_at', 'last_finding_code'), column);
  }
  for (const column of ['last_field_at', 'last_field'] as const) {
    updates[column] = pickIf(isNewer('last_field_at', 'last_field'), column);
  }
  for (const column of SCORED) updates[column] = pickIf(isHigherVersion, column);
  updates.accepted_number = sql`coalesce(${t('accepted_number')}, ${x('accepted_number')})`;
  updates.accepted_rows = pickIf(sql`${t('accepted_number')} is null`, 'accepted_rows');
  updates.paid_at = pickIf(isEarlierPayment, 'paid_at');
  updates.paid_cents = pickIf(isEarlierPayment, 'paid_cents');

  for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
    await db
      .insertInto('analytics_submission_fact')
      .values(rows.slice(i, i + UPSERT_CHUNK))
      .onConflict((oc) => oc.column('submission_id').doUpdateSet(updates as never))
      .execute();
  }
}

/** The cursor never moves back, even when two refreshes race. */
function greatest(dialect: Dialect, value: number): Expression<number> {
  const current = sql.ref('analytics_cursor.position');
  return dialect === 'postgres'
    ? sql<number>`greatest(${current}, ${value})`
    : sql<number>`max(${current}, ${value})`;
}
