import { scoreDataset } from '@assay/quality';
import type { ClientEvent, DataRequestInput } from '@assay/schema';
import { auc } from '../analytics/stats.ts';
import { Actor, trpcCode } from './actor.ts';
import {
  DEFECTS,
  type Defect,
  drawDefects,
  fixDefects,
  type GeneratedDataset,
  generateDataset,
  isTrulyAcceptable,
  type RequestSpec,
} from './dataset.ts';
import {
  createPopulation,
  type SimContributor,
  type SimOrganisation,
  type SimRequest,
} from './population.ts';
import { Random } from './random.ts';
import { decideFromTruth } from './reviewer.ts';
import type { SimClock } from './sim-clock.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Work due within one window of simulated time runs together, at the window's start. */
const WINDOW_MS = 15 * MINUTE;
const REVIEW_EVERY_MS = 8 * HOUR;
const PASSWORD = 'simulated account passphrase';

export interface SimulationOptions {
  url: string;
  /** The Origin sign-in requests carry (default `url`). */
  origin?: string;
  contributors: number;
  orgs: number;
  days: number;
  seed: number;
  /** Whether contributors read a pre-score (computed in their "browser" with @assay/quality) before submitting. */
  prescore: boolean;
  clock: SimClock;
  operator: { email: string; password: string };
  /** API calls in flight at once (default 8). */
  concurrency?: number;
  /**
   * Reviewers stop deciding this long (ms) before the end, so the last submissions wait in their queues:
   * the demo's reviewer then signs in to work to do. Default 0: they work to the end.
   */
  reviewsEndBefore?: number;
  /** Makes emails and organisation names unique on a server that already holds a run. */
  runId?: string;
  log?: (line: string) => void;
}

/** What one contributor did, for checks such as "acceptance rises with skill". */
export interface ContributorOutcome {
  skill: number;
  patience: number;
  drafts: number;
  abandoned: number;
  submitted: number;
  accepted: number;
  decided: number;
}

export interface SimulationResult {
  startedAt: number;
  endedAt: number;
  drafts: number;
  abandoned: number;
  submissions: number;
  scoredVersions: number;
  decisions: number;
  accepted: number;
  /** AUC of Assay's overall score against the ground truth (is the data really fit for an enterprise). */
  scoreAuc: number | null;
  /** Share of decided first versions that were rejected or sent back for changes. */
  firstSubmissionRejectionRate: number | null;
  contributors: ContributorOutcome[];
  accounts: {
    contributor: { email: string; password: string } | null;
    reviewer: { email: string; password: string } | null;
  };
}

interface Truth {
  /** Orders versions the same way in every run of a seed: contributor, draft, version number. */
  key: string;
  /** The simulated window in which it was submitted, and in which it was decided. */
  submittedAt: number;
  decidedAt: number | null;
  defects: Set<Defect>;
  number: number;
  score: number | null;
  decision: string | null;
  reasons: string[];
}

interface OpenRequest {
  id: string;
  spec: SimRequest;
  /** Its place in the population (organisation, then request), and the simulated window it was posted in. */
  order: number;
  postedAt: number;
}

interface AcceptedFile {
  key: string;
  dataset: GeneratedDataset;
  acceptedAt: number;
}

/**
 * What happened in windows before the current one, in a fixed order. Work due in one window runs
 * concurrently, so what it does to shared state lands in an order that varies from run to run; reading only
 * earlier windows' results keeps a run a function of its seed.
 */
const settledBefore = <T>(items: T[], at: (item: T) => number, now: number, order: (a: T, b: T) => number) =>
  items.filter((item) => at(item) < now).sort(order);
const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** A discrete-event loop over simulated time: processes sleep in simulated time, never in real time. */
class Scheduler {
  private queue: { at: number; seq: number; wake: () => void }[] = [];
  private seq = 0;
  private active = 0;
  private onIdle: (() => void) | null = null;
  readonly errors: unknown[] = [];
  now: number;

  constructor(
    start: number,
    private readonly clock: SimClock,
  ) {
    this.now = start;
  }

  /** Starts a process at simulated time `at`. */
  spawn(at: number, process: () => Promise<void>): void {
    this.push(Math.floor(at), () => {
      this.active++;
      process()
        .catch((error) => this.errors.push(error))
        .finally(() => this.settle());
    });
  }

  /** Parks the calling process for `ms` of simulated time. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.push(Math.floor(this.now + Math.max(1, ms)), () => {
        this.active++;
        resolve();
      });
      this.settle();
    });
  }

  /** Runs until no work is due before `end`. */
  async run(end: number): Promise<void> {
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const first = this.queue[0];
      if (!first || first.at > end) return;
      this.now = Math.max(this.now, first.at);
      await this.clock.set(this.now);
      const due = this.queue.filter((item) => item.at < this.now + WINDOW_MS);
      this.queue = this.queue.filter((item) => item.at >= this.now + WINDOW_MS);
      const idle = new Promise<void>((resolve) => {
        this.onIdle = resolve;
      });
      for (const item of due) item.wake();
      if (this.active > 0) await idle;
      this.onIdle = null;
    }
  }

  private push(at: number, wake: () => void) {
    this.queue.push({ at, seq: this.seq++, wake });
  }

  private settle() {
    this.active--;
    if (this.active === 0) this.onIdle?.();
  }
}

/** Limits concurrent API calls. */
class Semaphore {
  private waiting: (() => void)[] = [];
  private free: number;
  constructor(size: number) {
    this.free = size;
  }
  async use<T>(run: () => Promise<T>): Promise<T> {
    if (this.free === 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.free--;
    try {
      return await run();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

async function* bytesOf(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

const realSleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Drives a running Assay server through its public API with a simulated population: enterprises post
 * requests, contributors draft, upload generated files with injected defects, read pre-scores, fix or give up,
 * submit and resubmit; reviewers decide from the ground truth and their strictness. Deterministic for a seed
 * (given the server's deterministic scorer). See src/simulator/README.md.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const log = options.log ?? (() => undefined);
  const root = new Random(options.seed);
  const population = createPopulation(options);
  const runId = options.runId ?? `s${options.seed}`;
  const start = options.clock.isSimulated
    ? Math.floor(options.clock.now() / HOUR) * HOUR
    : options.clock.now();
  const end = start + options.days * DAY;
  await options.clock.set(start);
  const sim = new Scheduler(start, options.clock);
  const limit = new Semaphore(options.concurrency ?? 8);
  const api = <T>(actor: Actor, run: (client: Actor['client']) => Promise<T>) =>
    limit.use(() => actor.call(run));

  const truth = new Map<string, Truth>();
  const openRequests: OpenRequest[] = [];
  const acceptedFiles: AcceptedFile[] = [];
  const outcomes: ContributorOutcome[] = population.contributors.map((c) => ({
    skill: c.skill,
    patience: c.patience,
    drafts: 0,
    abandoned: 0,
    submitted: 0,
    accepted: 0,
    decided: 0,
  }));
  let firstReviewer: Actor | null = null;
  let firstContributor: Actor | null = null;

  // The operator sets up organisations and their reviewers.
  const operator = new Actor(
    options.url,
    options.operator.email,
    options.operator.password,
    'Operator',
    options.origin,
  );
  await operator.signIn();
  const reviewers: { org: SimOrganisation; actor: Actor; organisationId: string }[] = [];
  for (const org of population.organisations) {
    const organisation = await api(operator, (c) =>
      c.admin.organisation.create.mutate({ name: `${org.name} (${runId})` }),
    );
    const email = `reviewer${org.index + 1}.${runId}@simulated.example`;
    const { token } = await api(operator, (c) =>
      c.admin.member.invite.mutate({ organisationId: organisation.id, email, role: 'reviewer' }),
    );
    const actor = new Actor(options.url, email, PASSWORD, `Reviewer ${org.index + 1}`, options.origin);
    await actor.client.account.acceptInvitation.mutate({ token, name: actor.name, password: PASSWORD });
    await actor.signIn();
    firstReviewer ??= actor;
    reviewers.push({ org, actor, organisationId: organisation.id });
  }
  log(`set up ${reviewers.length} organisations with a reviewer each`);

  for (const { org, actor, organisationId } of reviewers) {
    org.requests.forEach((spec, requestIndex) => {
      sim.spawn(start + spec.postedDay * DAY + HOUR, async () => {
        const input: DataRequestInput & { organisationId: string } = {
          organisationId,
          title: spec.title,
          description: `Simulated request: ${spec.title}`,
          task: 'classification',
          requiredColumns: [
            { name: 'text', type: 'string' },
            { name: 'label', type: 'category' },
          ],
          labelSet: spec.labels,
          minRows: spec.minRows,
          acceptedLicenses: spec.acceptedLicenses,
          requiredConsentBasis: [],
          requiresCommercialUse: true,
          minQualityScore: spec.minQualityScore,
          rewardCents: spec.rewardCents,
          budgetCents: spec.budgetCents,
          deadline: null,
        };
        const request = await api(actor, (c) => c.request.create.mutate(input));
        openRequests.push({
          id: request.id,
          spec,
          order: org.index * 1000 + requestIndex,
          postedAt: sim.now,
        });
      });
    });
    // The reviewer works the queue a few times a day.
    const reviewRandom = root.fork(10_000 + org.index);
    const review = async (): Promise<void> => {
      const queue = await api(actor, (c) => c.review.queue.query({ limit: 200 }));
      const pending = queue.items.flatMap((item) => {
        const known = truth.get(item.versionId);
        return known ? [{ item, known, key: known.key }] : [];
      });
      for (const { item, known } of settledBefore(pending, (p) => p.known.submittedAt, sim.now, byKey)) {
        let decision = decideFromTruth(reviewRandom, known.defects, org.strictness);
        try {
          await api(actor, (c) =>
            c.review.decide.mutate({
              versionId: item.versionId,
              ...decision,
              timeSpentMs: Math.round(reviewRandom.exponential(4 * MINUTE)),
            }),
          );
        } catch (error) {
          if (trpcCode(error) !== 'PRECONDITION_FAILED') throw error;
          // The request's budget is spent: the enterprise cannot take more.
          decision = {
            decision: 'reject',
            reasonCodes: ['fit.not-requested'],
            comment: 'Our budget for this request is spent.',
          };
          await api(actor, (c) =>
            c.review.decide.mutate({ versionId: item.versionId, ...decision, timeSpentMs: 60_000 }),
          );
        }
        known.decision = decision.decision;
        known.reasons = decision.reasonCodes;
        known.decidedAt = sim.now;
      }
    };
    const reviewsEnd = end - (options.reviewsEndBefore ?? 0);
    sim.spawn(start + 2 * HOUR + reviewRandom.next() * REVIEW_EVERY_MS, async () => {
      while (sim.now < reviewsEnd) {
        await review();
        await sim.sleep(REVIEW_EVERY_MS * (0.5 + reviewRandom.next()));
      }
    });
  }

  const requirementsOf = (spec: RequestSpec) => ({
    acceptedLicenses: spec.acceptedLicenses,
    requiresCommercialUse: true,
    minRows: spec.minRows,
    requiredColumns: [
      { name: 'text', type: 'string' as const },
      { name: 'label', type: 'category' as const },
    ],
    labelSet: spec.labels,
  });

  const contributorProcess = (contributor: SimContributor) => {
    const random = root.fork(1_000 + contributor.index);
    const actor = new Actor(
      options.url,
      `contributor${contributor.index + 1}.${runId}@simulated.example`,
      PASSWORD,
      `Contributor ${contributor.index + 1}`,
      options.origin,
    );
    firstContributor ??= actor;
    const outcome = outcomes[contributor.index]!;
    let isSignedUp = false;

    const send = async (
      submissionId: string,
      events: { type: ClientEvent['type']; props?: ClientEvent['props'] }[],
    ) => {
      const at = new Date(sim.now).toISOString();
      const batch = { events: events.map((e) => ({ type: e.type, at, submissionId, props: e.props ?? {} })) };
      // Simulated days pass in real seconds, so a busy contributor can outrun the per-user rate limit
      // (real time): wait for the bucket to refill, as the web client's retry does.
      for (let attempt = 0; ; attempt++) {
        try {
          await api(actor, (c) => c.event.record.mutate(batch));
          return;
        } catch (error) {
          if (trpcCode(error) !== 'TOO_MANY_REQUESTS' || attempt >= 40) throw error;
          await realSleep(600);
        }
      }
    };

    const waitForScore = async (submissionId: string, versionId: string): Promise<number | null> => {
      for (let i = 0; i < 600; i++) {
        const submission = await api(actor, (c) => c.submission.byId.query({ id: submissionId }));
        const version = submission.versions.find((v) => v.id === versionId);
        if (version && version.state !== 'submitted' && version.state !== 'scoring') return version.score;
        await realSleep(100);
      }
      throw new Error(`version ${versionId} was not scored within a minute`);
    };

    const waitForDecision = async (submissionId: string, versionId: string, entry: Truth) => {
      while (sim.now < end) {
        await sim.sleep(DAY * (0.5 + random.next()));
        const submission = await api(actor, (c) => c.submission.byId.query({ id: submissionId }));
        const state = submission.versions.find((v) => v.id === versionId)?.state;
        const isFinal = state === 'accepted' || state === 'rejected' || state === 'changes_requested';
        // A decision made in this same window is seen at the next look, whichever call finished first.
        if (isFinal && entry.decidedAt !== null && entry.decidedAt < sim.now) return state;
      }
      return null;
    };

    const draft = async (draftIndex: number) => {
      if (!isSignedUp) {
        await limit.use(() => actor.signUp());
        isSignedUp = true;
      }
      const r = random.fork(draftIndex);
      const visible = settledBefore(
        openRequests,
        (o) => o.postedAt,
        sim.now,
        (a, b) => a.order - b.order,
      );
      const request = visible.length > 0 && r.chance(0.85) ? r.pick(visible) : null;
      const spec: RequestSpec = request?.spec ?? {
        labels: ['yes', 'no'],
        minRows: 30,
        acceptedLicenses: ['CC-BY-4.0'],
      };
      const { submissionId, versionId } = await api(actor, (c) =>
        c.submission.create.mutate({ requestId: request?.id ?? null, manifest: { title: 'Untitled draft' } }),
      );
      outcome.drafts++;
      await send(submissionId, [{ type: 'draft.started' }]);
      const abandon = async () => {
        outcome.abandoned++;
        if (r.chance(0.5)) await send(submissionId, [{ type: 'draft.abandoned' }]);
      };

      const copyable = settledBefore(acceptedFiles, (f) => f.acceptedAt, sim.now, byKey);
      const copy = contributor.honesty < 0.5 && copyable.length > 0 && r.chance(1 - contributor.honesty);
      const uniqueness = `${runId}-${contributor.index}-${draftIndex}`;
      let defects = copy ? new Set<Defect>(['copied']) : drawDefects(r, contributor.skill);
      let dataset = copy
        ? { ...r.pick(copyable).dataset, defects: new Set<Defect>(['copied']) }
        : generateDataset(r, spec, defects, uniqueness);

      await sim.sleep(r.exponential(8 * MINUTE));
      if (r.chance(0.25 * (1 - contributor.patience))) return abandon();
      await limit.use(() => actor.upload(versionId, dataset.csv));
      await send(submissionId, [{ type: 'file.attached', props: { rows: dataset.rows } }]);

      // The form: the more context is missing, the longer it takes.
      await sim.sleep(r.exponential((defects.has('missing-datasheet') ? 10 : 25) * MINUTE));
      const fields = [
        'title',
        'description',
        'label.classes',
        'context.collectionMethod',
        'context.population',
        'provenance.license',
      ];
      await send(
        submissionId,
        Array.from({ length: r.int(1, 4) }, () => ({
          type: 'field.edited' as const,
          props: { field: r.pick(fields) },
        })),
      );
      if (r.chance(0.3 * (1 - contributor.patience))) return abandon();
      await api(actor, (c) => c.submission.saveManifest.mutate({ versionId, manifest: dataset.manifest }));
      await send(submissionId, [{ type: 'manifest.completed' }]);

      if (options.prescore) {
        const report = await scoreDataset({
          source: bytesOf(dataset.csv),
          format: 'csv',
          manifest: dataset.manifest,
          options: request ? { requirements: requirementsOf(spec) } : {},
        });
        const codes = new Set(report.findings.map((f) => f.code));
        await send(submissionId, [
          { type: 'prescore.seen', props: { overall: report.scores.overall } },
          ...report.findings
            .slice(0, 5)
            .map((f) => ({ type: 'finding.shown' as const, props: { code: f.code } })),
        ]);
        // A pre-score below enterprise grade is where the impatient give up (what the operator's "findings
        // before abandonment" chart is for).
        if (!report.enterpriseGrade && r.chance(0.6 * (1 - contributor.patience))) return abandon();
        const fixed = fixDefects(r, defects, codes, contributor.skill, contributor.patience);
        if (fixed.size < defects.size && !copy) {
          await sim.sleep(r.exponential(15 * MINUTE) * (defects.size - fixed.size));
          defects = fixed;
          dataset = generateDataset(r, spec, defects, uniqueness);
          await limit.use(() => actor.upload(versionId, dataset.csv));
          await api(actor, (c) =>
            c.submission.saveManifest.mutate({ versionId, manifest: dataset.manifest }),
          );
          await send(submissionId, [{ type: 'field.edited', props: { field: 'provenance.license' } }]);
        }
      }

      await sim.sleep(r.exponential(3 * MINUTE));
      let currentVersion = versionId;
      for (let number = 1; ; number++) {
        await send(submissionId, [{ type: 'submit.attempted' }]);
        await api(actor, (c) =>
          c.submission.submit.mutate({ versionId: currentVersion, idempotencyKey: `sim-${currentVersion}` }),
        );
        if (number === 1) outcome.submitted++;
        const entry: Truth = {
          key: `${String(contributor.index).padStart(6, '0')}-${String(draftIndex).padStart(3, '0')}-${number}`,
          submittedAt: sim.now,
          decidedAt: null,
          defects: new Set(defects),
          number,
          score: null,
          decision: null,
          reasons: [],
        };
        truth.set(currentVersion, entry);
        entry.score = await waitForScore(submissionId, currentVersion);
        const state = await waitForDecision(submissionId, currentVersion, entry);
        if (state === null) return;
        outcome.decided++;
        if (state === 'accepted') {
          outcome.accepted++;
          if (!copy) acceptedFiles.push({ key: entry.key, dataset, acceptedAt: sim.now });
          return;
        }
        if (state === 'rejected' || copy || !r.chance(0.4 + 0.5 * contributor.patience)) return;
        // Changes requested: fix what the reviewer named, in a new version.
        await sim.sleep(r.exponential(DAY));
        const next = await api(actor, (c) => c.submission.version.create.mutate({ submissionId }));
        currentVersion = next.versionId;
        const named = new Set(entry.reasons);
        defects = new Set(
          [...defects].filter(
            (d) => !(named.has(DEFECTS[d].reason) && r.chance(0.3 + 0.6 * contributor.skill)),
          ),
        );
        dataset = generateDataset(r, spec, defects, uniqueness);
        await limit.use(() => actor.upload(currentVersion, dataset.csv));
        await api(actor, (c) =>
          c.submission.saveManifest.mutate({ versionId: currentVersion, manifest: dataset.manifest }),
        );
      }
    };

    // Drafts start at random times over the run, one after another.
    const times = Array.from(
      { length: contributor.drafts },
      () => start + random.next() * options.days * DAY * 0.9,
    ).sort((a, b) => a - b);
    times.forEach((at, draftIndex) => {
      sim.spawn(at, () => draft(draftIndex));
    });
  };
  for (const contributor of population.contributors) contributorProcess(contributor);

  let lastReport = start;
  const progress = setInterval(() => {
    if (sim.now - lastReport >= 7 * DAY) {
      lastReport = sim.now;
      log(`day ${Math.floor((sim.now - start) / DAY)}: ${truth.size} versions submitted`);
    }
  }, 2000);
  try {
    await sim.run(end);
  } finally {
    clearInterval(progress);
  }
  if (sim.errors.length > 0) {
    log(
      `${sim.errors.length} simulated actions failed; the first: ${String((sim.errors[0] as Error)?.message ?? sim.errors[0])}`,
    );
  }

  const scored = [...truth.values()].filter((t) => t.score !== null);
  const first = [...truth.values()].filter((t) => t.number === 1 && t.decision !== null);
  return {
    startedAt: start,
    endedAt: end,
    drafts: outcomes.reduce((s, o) => s + o.drafts, 0),
    abandoned: outcomes.reduce((s, o) => s + o.abandoned, 0),
    submissions: outcomes.reduce((s, o) => s + o.submitted, 0),
    scoredVersions: scored.length,
    decisions: [...truth.values()].filter((t) => t.decision !== null).length,
    accepted: outcomes.reduce((s, o) => s + o.accepted, 0),
    scoreAuc: auc(
      scored.map((t) => t.score ?? 0),
      scored.map((t) => (isTrulyAcceptable(t.defects) ? 1 : 0)),
    ),
    firstSubmissionRejectionRate:
      first.length === 0 ? null : first.filter((t) => t.decision !== 'accept').length / first.length,
    contributors: outcomes,
    accounts: {
      contributor: firstContributor ? { email: (firstContributor as Actor).email, password: PASSWORD } : null,
      reviewer: firstReviewer ? { email: (firstReviewer as Actor).email, password: PASSWORD } : null,
    },
  };
}

/** The lines a run ends with: what happened, the score's AUC against the ground truth, first-submission rejection. */
export function summaryLines(result: SimulationResult): string[] {
  const pct = (x: number, of: number) => (of === 0 ? '–' : `${((100 * x) / of).toFixed(1)}%`);
  return [
    `drafts ${result.drafts}, abandoned ${result.abandoned} (${pct(result.abandoned, result.drafts)}), submitted ${result.submissions}, versions scored ${result.scoredVersions}, decisions ${result.decisions}, accepted ${result.accepted}`,
    `score AUC vs ground truth: ${result.scoreAuc === null ? 'n/a' : result.scoreAuc.toFixed(2)} over ${result.scoredVersions} submissions`,
    `first-submission rejection rate: ${result.firstSubmissionRejectionRate === null ? 'n/a' : result.firstSubmissionRejectionRate.toFixed(2)}`,
  ];
}
