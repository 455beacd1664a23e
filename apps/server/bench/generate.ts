// Synthetic history for the metrics benchmark: plausible shapes (funnel drop-off, versions, decisions that
// follow the score, reports with findings), deterministic for a seed, generated in slices.
import { REASON_CODES } from '@assay/schema';
import { organisationNameKey } from '../src/admin/organisation-name.ts';

export interface BenchBatch {
  users: Record<string, unknown>[];
  organisations: Record<string, unknown>[];
  requests: Record<string, unknown>[];
  submissions: Record<string, unknown>[];
  versions: Record<string, unknown>[];
  reviews: Record<string, unknown>[];
  events: Record<string, unknown>[];
}

const SLICE = 10_000;
const CONTRIBUTORS_PER_100K = 10_000;
const REQUESTS = 50;
const REVIEWERS = 20;
const DAY = 86_400_000;
const START = Date.parse('2025-01-06T00:00:00Z');

const round1 = (value: number) => Math.round(value * 10) / 10;

/** A small seeded PRNG (mulberry32): the same numbers for the same seed. */
export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A UUID-shaped id from a namespace and a counter, so reruns produce the same ids. */
const idOf = (kind: number, part: number, n: number) =>
  `${kind.toString(16).padStart(8, '0')}-${part.toString(16).padStart(4, '0')}-4000-8000-${n.toString(16).padStart(12, '0')}`;

const FINDINGS = [
  'context.missing-description',
  'context.missing-population',
  'context.undefined-label-class',
  'context.missing-unit',
  'provenance.license-missing',
  'provenance.license-not-accepted',
  'provenance.attestation-missing',
  'structure.ragged-rows',
  'structure.required-column-missing',
  'structure.type-mismatch',
  'structure.missing-values',
  'structure.duplicate-rows',
];
const FIELDS = [
  'title',
  'description',
  'context.population',
  'context.collectionMethod',
  'provenance.license',
  'label.classes',
];
const REJECT_CODES = Object.keys(REASON_CODES).filter((code) => !code.startsWith('accept.'));

/**
 * Yields slices of {@link SLICE} submissions until `submissions` are generated, with exactly `events` events
 * over all slices. `part` keeps ids of a second load distinct from the first.
 */
export function* generateBenchData(options: {
  seed: number;
  part: number;
  submissions: number;
  events: number;
}): Generator<BenchBatch> {
  const random = mulberry32(options.seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const { part } = options;
  const contributorCount = Math.max(10, Math.round((options.submissions * CONTRIBUTORS_PER_100K) / 100_000));
  const skills = Array.from({ length: contributorCount }, () => normal());
  const contributorId = (i: number) => idOf(1, part, i);
  const reviewerId = (i: number) => idOf(2, part, i);
  const requestId = (i: number) => idOf(4, part, i);
  let eventsLeft = options.events;
  let versionCounter = 0;
  let reviewCounter = 0;

  for (let first = 0; first < options.submissions; first += SLICE) {
    const count = Math.min(SLICE, options.submissions - first);
    const batch: BenchBatch = {
      users: [],
      organisations: [],
      requests: [],
      submissions: [],
      versions: [],
      reviews: [],
      events: [],
    };
    if (first === 0) {
      const iso = new Date(START).toISOString();
      const user = (id: string, role: string, n: number) => ({
        id,
        name: `${role} ${part}-${n}`,
        email: `${role}-${part}-${n}@bench.example`,
        emailVerified: 1,
        image: null,
        createdAt: iso,
        updatedAt: iso,
        role,
        pseudonym: `p-${part}-${role}-${n}`,
      });
      for (let i = 0; i < contributorCount; i++) batch.users.push(user(contributorId(i), 'contributor', i));
      for (let i = 0; i < REVIEWERS; i++) batch.users.push(user(reviewerId(i), 'reviewer', i));
      for (let i = 0; i < 5; i++) {
        const name = `Bench org ${part}-${i}`;
        batch.organisations.push({
          id: idOf(3, part, i),
          name,
          name_key: organisationNameKey(name),
          created_at: START,
        });
      }
      for (let i = 0; i < REQUESTS; i++) {
        batch.requests.push({
          id: requestId(i),
          organisation_id: idOf(3, part, i % 5),
          title: `Request ${part}-${i}`,
          description: 'Benchmark request',
          task: 'classification',
          required_columns: '[{"name":"text","type":"string"},{"name":"label","type":"category"}]',
          label_set: '["a","b"]',
          min_rows: 100 + (i % 5) * 100,
          accepted_licenses: '["CC-BY-4.0"]',
          required_consent_basis: '[]',
          requires_commercial_use: 1,
          min_quality_score: 50 + (i % 4) * 10,
          reward_cents: 1000,
          budget_cents: 200_000,
          deadline_at: null,
          status: 'open',
          created_by: reviewerId(i % REVIEWERS),
          created_at: START,
          updated_at: START,
        });
      }
    }

    // Share of the event total for this slice, so the whole load has exactly `events`.
    const remainingSubs = options.submissions - first;
    let budget = Math.round((eventsLeft * count) / remainingSubs);
    const sliceEvents: Record<string, unknown>[] = [];
    const optional: number[] = [];
    const drafts: { id: string; actor: string; request: string | null; from: number; to: number }[] = [];

    for (let k = 0; k < count; k++) {
      const n = first + k;
      const who = Math.floor(random() * contributorCount);
      const skill = skills[who]!;
      const actor = contributorId(who);
      const submissionId = idOf(5, part, n);
      const request = random() < 0.8 ? requestId(Math.floor(random() * REQUESTS)) : null;
      const created = START + Math.floor(random() * 180 * DAY);
      let t = created;
      const step = (maxMinutes: number) => (t += 1 + Math.floor(random() * maxMinutes * 60_000));
      const event = (
        type: string,
        props: Record<string, unknown> = {},
        at = t,
        versionId: string | null = null,
        isOptional = false,
      ) => {
        if (isOptional) optional.push(sliceEvents.length);
        sliceEvents.push({
          type,
          actor_id: actor,
          submission_id: submissionId,
          version_id: versionId,
          request_id: request,
          props: JSON.stringify(props),
          at,
        });
      };
      event('submission.created');
      event('draft.started', {}, t - 1000);
      const patience = random();
      const versions: Record<string, unknown>[] = [];
      const draftVersion = (number: number, state: string, extra: Record<string, unknown> = {}) => {
        const id = idOf(6, part, versionCounter++);
        versions.push({
          id,
          submission_id: submissionId,
          number,
          state,
          manifest: '{}',
          file_sha256: null,
          file_name: null,
          file_format: null,
          row_count: null,
          submit_key: null,
          report: null,
          score_overall: null,
          score_structure: null,
          score_context: null,
          score_provenance: null,
          enterprise_grade: null,
          scorer_version: null,
          created_at: t,
          updated_at: t,
          submitted_at: null,
          scored_at: null,
          decided_at: null,
          ...extra,
        });
        return id;
      };
      const hasFile = random() < 0.85;
      const hasManifest = hasFile && random() < 0.8;
      const sawPrescore = hasManifest && random() < 0.85;
      const submits = sawPrescore && random() < 0.55 + 0.3 * patience;
      if (hasFile) event('file.attached', {}, step(30));
      const findings = Math.floor(random() * 3);
      for (let f = 0; f < findings; f++)
        event('finding.shown', { code: pick(FINDINGS) }, step(20), null, true);
      if (hasManifest) event('manifest.completed', {}, step(60));
      if (sawPrescore) event('prescore.seen', { overall: Math.round(50 + 20 * skill) }, step(5));
      if (!submits) {
        draftVersion(1, 'draft');
        drafts.push({ id: submissionId, actor, request, from: created, to: t });
        if (random() < 0.3) event('draft.abandoned', {}, step(600));
      } else {
        if (random() < 0.2) event('validation.failed', { count: 1 + Math.floor(random() * 4) }, step(10));
        event('submit.attempted', {}, step(10));
        let number = 1;
        for (;;) {
          // Scores of record are rounded to 0.1, as the scorer rounds them.
          const overall = round1(
            Math.max(0, Math.min(100, 60 + 15 * skill + 10 * normal() + 5 * (number - 1))),
          );
          const dims = [0, 1, 2].map(() => round1(Math.max(0, Math.min(100, overall + 8 * normal()))));
          const codes = Array.from({ length: 1 + Math.floor(random() * 5) }, () => pick(FINDINGS));
          const report = JSON.stringify({
            scorerVersion: 'bench',
            scores: { overall, structure: dims[0], context: dims[1], provenance: dims[2] },
            findings: codes.map((code) => ({
              code,
              dimension: code.split('.')[0],
              severity: 'warning',
              message: 'A benchmark finding with a message of a realistic length for a layperson to read.',
              hint: 'A hint saying what to change in the file or the manifest to make this go away.',
              count: 1,
            })),
          });
          const submitted = step(60);
          const scored = submitted + 2_000 + Math.floor(random() * 60_000);
          const decidedAt = random() < 0.92 ? scored + Math.floor(random() * 3 * DAY) : null;
          const p = 1 / (1 + Math.exp(-(overall - 62) / 7));
          const decision =
            decidedAt === null
              ? null
              : random() < p
                ? 'accept'
                : random() < 0.5
                  ? 'reject'
                  : 'request_changes';
          const state =
            decision === null
              ? 'in_review'
              : decision === 'accept'
                ? 'accepted'
                : decision === 'reject'
                  ? 'rejected'
                  : 'changes_requested';
          const versionId = draftVersion(number, state, {
            file_sha256: null,
            row_count: 50 + Math.floor(random() * 2000),
            report,
            score_overall: overall,
            score_structure: dims[0],
            score_context: dims[1],
            score_provenance: dims[2],
            enterprise_grade: overall >= 70 ? 1 : 0,
            scorer_version: 'bench',
            submitted_at: submitted,
            scored_at: scored,
            decided_at: decidedAt,
          });
          event('version.submitted', { number }, submitted, versionId);
          event('version.scoring', {}, submitted + 1000, versionId);
          event('version.scored', { overall }, scored, versionId);
          event('version.in_review', {}, scored, versionId);
          if (decision === null || decidedAt === null) break;
          t = decidedAt;
          const reasons =
            decision === 'accept'
              ? ['accept.meets-requirements']
              : [pick(REJECT_CODES), ...(random() < 0.4 ? [pick(REJECT_CODES)] : [])];
          batch.reviews.push({
            id: idOf(7, part, reviewCounter++),
            version_id: versionId,
            reviewer_id: reviewerId(Math.floor(random() * REVIEWERS)),
            decision,
            reason_codes: JSON.stringify([...new Set(reasons)]),
            comment: 'Benchmark decision',
            time_spent_ms: 30_000 + Math.floor(random() * 600_000),
            created_at: decidedAt,
          });
          event(
            'version.decided',
            { decision, reasonCodes: [...new Set(reasons)], score: overall },
            decidedAt,
            versionId,
          );
          if (decision === 'accept') {
            if (request) event('ledger.paid', { rewardCents: 1000 }, decidedAt, versionId);
            break;
          }
          if (decision === 'reject' || number >= 3 || random() > 0.6) break;
          number++;
          step(24 * 60);
        }
      }
      batch.submissions.push({
        id: submissionId,
        contributor_id: actor,
        request_id: request,
        latest_version: versions.length,
        created_at: created,
        updated_at: t,
      });
      batch.versions.push(...versions);
    }

    // Pad with edits to drafts (or drop optional findings) so the slice holds exactly its share of events.
    while (sliceEvents.length < budget && drafts.length > 0) {
      const draft = drafts[Math.floor(random() * drafts.length)]!;
      sliceEvents.push({
        type: 'field.edited',
        actor_id: draft.actor,
        submission_id: draft.id,
        version_id: null,
        request_id: draft.request,
        props: JSON.stringify({ field: pick(FIELDS) }),
        at: draft.from + Math.floor(random() * Math.max(1, draft.to - draft.from)),
      });
    }
    if (sliceEvents.length > budget) {
      const drop = new Set(optional.slice(0, sliceEvents.length - budget));
      batch.events = sliceEvents.filter((_, i) => !drop.has(i));
    } else {
      batch.events = sliceEvents;
    }
    budget = batch.events.length;
    eventsLeft -= budget;
    yield batch;
  }
}
