import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Dialect } from '../db/connect.ts';
import type { AnalyticsDb, SubmissionFactTable } from './tables.ts';

// The rollups are caches of the event log and the version rows, never a second source of truth:
// - analytics_submission_fact folds each submission's events into first-times and last-activity. Every column
//   is an idempotent merge (min, max, latest-by-time), so reading an event twice changes nothing, and two
//   processes refreshing at once cannot corrupt it.
// - analytics_version_fact records, once per scored version, which request requirements its report fails.
// `rebuildAnalytics` empties both and replays everything.

const CURSOR = 'submission_fact';
const EVENT_PAGE = 20_000;
const UPSERT_CHUNK = 1_000;
/** Ids skipped by a refresh are re-read for this long, in case their transaction commits late. */
const GAP_TTL_MS = 60_000;
const MAX_GAPS = 10_000;

/** Finding codes (packages/quality) that mean the version fails a request's licence requirement. */
export const LICENCE_FINDINGS: ReadonlySet<string> = new Set([
  'provenance.license-missing',
  'provenance.license-unknown',
  'provenance.license-not-accepted',
  'provenance.license-not-commercial',
]);

/** Finding codes that mean the file does not have the columns, types or labels the request asked for. */
export const SCHEMA_FINDINGS: ReadonlySet<string> = new Set([
  'structure.required-column-missing',
  'structure.column-missing',
  'structure.type-mismatch',
  'structure.label-column-missing',
  'structure.label-set-mismatch',
  'structure.label-outside-schema',
]);

type Fact = SubmissionFactTable;
type FirstColumn = Exclude<keyof Fact, 'submission_id' | 'last_at' | `last_${string}`>;

/** Which first-time column an event type sets. */
const FIRST_COLUMN: Partial<Record<string, FirstColumn>> = {
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

const FIRST_COLUMNS: FirstColumn[] = [
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

interface EventRead {
  id: number;
  type: string;
  submission_id: string | null;
  props: string;
  at: number;
}

const emptyFact = (submissionId: string): Fact => ({
  submission_id: submissionId,
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
});

const minOrNull = (a: number | null, b: number) => (a === null || b < a ? b : a);

/** Whether (at, value) is later than the stored (currentAt, currentValue): later time, ties by value. */
const isLater = (at: number, value: string, currentAt: number | null, currentValue: string | null) =>
  currentAt === null || at > currentAt || (at === currentAt && value > (currentValue ?? ''));

/** Folds one event into its submission's fact, with the same merge rules as the SQL upsert. */
export function foldEvent(facts: Map<string, Fact>, event: EventRead): void {
  if (!event.submission_id) return;
  let fact = facts.get(event.submission_id);
  if (!fact) {
    fact = emptyFact(event.submission_id);
    facts.set(event.submission_id, fact);
  }
  const at = Number(event.at);
  fact.last_at = fact.last_at === null ? at : Math.max(fact.last_at, at);
  const column = FIRST_COLUMN[event.type];
  if (column) fact[column] = minOrNull(fact[column], at);
  if (event.type === 'version.decided' || event.type === 'finding.shown' || event.type === 'field.edited') {
    const props = parseProps(event.props);
    if (event.type === 'version.decided' && props.decision === 'accept') {
      fact.accepted_at = minOrNull(fact.accepted_at, at);
    } else if (event.type === 'finding.shown' && typeof props.code === 'string') {
      if (isLater(at, props.code, fact.last_finding_at, fact.last_finding_code)) {
        fact.last_finding_at = at;
        fact.last_finding_code = props.code;
      }
    } else if (event.type === 'field.edited' && typeof props.field === 'string') {
      if (isLater(at, props.field, fact.last_field_at, fact.last_field)) {
        fact.last_field_at = at;
        fact.last_field = props.field;
      }
    }
  }
}

function parseProps(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Per database handle: ids skipped by earlier refreshes (with when first seen), and the refresh in flight. */
const gapsByDb = new WeakMap<object, Map<number, number>>();
const inflightByDb = new WeakMap<object, Promise<unknown>>();

/**
 * Brings both rollups up to date with the event log and the version rows; cheap when nothing changed.
 * Every metric calls it first, so a metric always reflects every committed event.
 */
export async function refreshAnalytics(db: AnalyticsDb, dialect: Dialect): Promise<void> {
  const previous = inflightByDb.get(db);
  if (previous) await previous.catch(() => undefined);
  const run = (async () => {
    await refreshSubmissionFacts(db, dialect);
    await refreshVersionFacts(db);
  })();
  inflightByDb.set(db, run);
  try {
    await run;
  } finally {
    if (inflightByDb.get(db) === run) inflightByDb.delete(db);
  }
}

/** Empties the rollups and replays the whole event log and every scored version into them. */
export async function rebuildAnalytics(db: AnalyticsDb, dialect: Dialect): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('analytics_submission_fact').execute();
    await trx.deleteFrom('analytics_version_fact').execute();
    await trx.deleteFrom('analytics_cursor').execute();
  });
  gapsByDb.delete(db);
  await refreshAnalytics(db, dialect);
}

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
  const facts = new Map<string, Fact>();
  const nowMs = performance.now();

  // Late commits of ids skipped earlier.
  for (const [id, seenAt] of gaps) if (nowMs - seenAt > GAP_TTL_MS) gaps.delete(id);
  const gapIds = [...gaps.keys()];
  for (let i = 0; i < gapIds.length; i += UPSERT_CHUNK) {
    const found = await db
      .selectFrom('event')
      .select(['id', 'type', 'submission_id', 'props', 'at'])
      .where('id', 'in', gapIds.slice(i, i + UPSERT_CHUNK))
      .execute();
    for (const event of found) {
      gaps.delete(Number(event.id));
      foldEvent(facts, event);
    }
  }

  let position = start;
  for (;;) {
    const page = await db
      .selectFrom('event')
      .select(['id', 'type', 'submission_id', 'props', 'at'])
      .where('id', '>', position)
      .orderBy('id')
      .limit(EVENT_PAGE)
      .execute();
    for (const event of page) {
      const id = Number(event.id);
      for (let missing = position + 1; missing < id && gaps.size < MAX_GAPS; missing++)
        gaps.set(missing, nowMs);
      position = id;
      foldEvent(facts, event);
    }
    if (facts.size >= 50_000) await upsertFacts(db, dialect, facts);
    if (page.length < EVENT_PAGE) break;
  }
  await upsertFacts(db, dialect, facts);

  if (position > start) {
    await db
      .insertInto('analytics_cursor')
      .values({ name: CURSOR, position })
      .onConflict((oc) => oc.column('name').doUpdateSet({ position: greatest(dialect, position) }))
      .execute();
  }
}

/** Merges the folded facts into the table, chunk by chunk, and empties the map. */
async function upsertFacts(db: AnalyticsDb, dialect: Dialect, facts: Map<string, Fact>): Promise<void> {
  const rows = [...facts.values()];
  facts.clear();
  const t = (column: keyof Fact) => sql.ref(`analytics_submission_fact.${column}`);
  const x = (column: keyof Fact) => sql.ref(`excluded.${column}`);
  const earliest = (column: keyof Fact) =>
    dialect === 'postgres'
      ? sql`least(${t(column)}, ${x(column)})`
      : sql`min(coalesce(${t(column)}, ${x(column)}), coalesce(${x(column)}, ${t(column)}))`;
  const latest = (column: keyof Fact) =>
    dialect === 'postgres'
      ? sql`greatest(${t(column)}, ${x(column)})`
      : sql`max(coalesce(${t(column)}, ${x(column)}), coalesce(${x(column)}, ${t(column)}))`;
  // The newer of two (time, value) pairs; both columns are set from the same test, which sees the old row.
  const isNewer = (at: keyof Fact, value: keyof Fact) =>
    sql`(${x(at)} is not null and (${t(at)} is null or ${x(at)} > ${t(at)} or (${x(at)} = ${t(at)} and ${x(value)} > ${t(value)})))`;
  const pick = (at: keyof Fact, value: keyof Fact, column: keyof Fact) =>
    sql`case when ${isNewer(at, value)} then ${x(column)} else ${t(column)} end`;

  const updates: Record<string, RawBuilder<unknown>> = {};
  for (const column of FIRST_COLUMNS) updates[column] = earliest(column);
  updates.last_at = latest('last_at');
  updates.last_finding_at = pick('last_finding_at', 'last_finding_code', 'last_finding_at');
  updates.last_finding_code = pick('last_finding_at', 'last_finding_code', 'last_finding_code');
  updates.last_field_at = pick('last_field_at', 'last_field', 'last_field_at');
  updates.last_field = pick('last_field_at', 'last_field', 'last_field');

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

/**
 * Reads the report of every scored version not yet in `analytics_version_fact` and records whether it fails
 * the licence or schema requirement of the request ({@link LICENCE_FINDINGS}, {@link SCHEMA_FINDINGS}).
 * Reports are immutable once scored, so each version is read once.
 */
async function refreshVersionFacts(db: AnalyticsDb): Promise<void> {
  for (;;) {
    const pending = await db
      .selectFrom('submission_version as v')
      .select(['v.id', 'v.report'])
      .where('v.scored_at', 'is not', null)
      .where('v.report', 'is not', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('analytics_version_fact as f')
              .select('f.version_id')
              .whereRef('f.version_id', '=', 'v.id'),
          ),
        ),
      )
      .limit(2_000)
      .execute();
    if (pending.length === 0) return;
    const rows = pending.map((version) => {
      const codes = findingCodes(version.report);
      return {
        version_id: version.id,
        fails_licence: codes.some((code) => LICENCE_FINDINGS.has(code)) ? 1 : 0,
        fails_schema: codes.some((code) => SCHEMA_FINDINGS.has(code)) ? 1 : 0,
      };
    });
    for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
      await db
        .insertInto('analytics_version_fact')
        .values(rows.slice(i, i + UPSERT_CHUNK))
        .onConflict((oc) => oc.column('version_id').doNothing())
        .execute();
    }
    if (pending.length < 2_000) return;
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
