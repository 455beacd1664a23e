import { Random } from './random.ts';

/** A simulated contributor. Traits are in [0, 1]. */
export interface SimContributor {
  index: number;
  /** How few defects their files and manifests carry, and how well they fix what the pre-score shows. */
  skill: number;
  /** How much friction they bear before giving up a draft. */
  patience: number;
  /** Low honesty: sometimes submits a copy of someone else's accepted data. */
  honesty: number;
  /** Drafts they start over the run. */
  drafts: number;
}

/** A simulated enterprise: one reviewer, a few requests, a strictness. */
export interface SimOrganisation {
  index: number;
  name: string;
  /** 0 lenient … 1 strict: how much a defect lowers the chance of acceptance. */
  strictness: number;
  requests: SimRequest[];
}

export interface SimRequest {
  title: string;
  labels: string[];
  minRows: number;
  acceptedLicenses: string[];
  minQualityScore: number;
  rewardCents: number;
  budgetCents: number;
  /** Simulated day on which it is posted. */
  postedDay: number;
}

export interface Population {
  contributors: SimContributor[];
  organisations: SimOrganisation[];
}

const TOPICS = [
  { title: 'Support tickets labeled by urgency', labels: ['high', 'low'] },
  { title: 'Product reviews labeled by sentiment', labels: ['positive', 'negative', 'neutral'] },
  { title: 'Emails labeled spam or not', labels: ['spam', 'ham'] },
  { title: 'News headlines by topic', labels: ['politics', 'sport', 'business', 'science'] },
  { title: 'Chat messages by intent', labels: ['question', 'complaint', 'praise'] },
];

/** Draws the population for a seed: deterministic, pure. */
export function createPopulation(options: {
  seed: number;
  contributors: number;
  orgs: number;
  days: number;
}): Population {
  const random = new Random(options.seed).fork(1);
  const contributors: SimContributor[] = Array.from({ length: options.contributors }, (_, index) => ({
    index,
    skill: random.beta(2, 2),
    patience: random.beta(2, 2),
    honesty: random.chance(0.08) ? random.next() * 0.5 : 1,
    drafts: 1 + Math.min(8, Math.floor(random.exponential(1.6))),
  }));
  const organisations: SimOrganisation[] = Array.from({ length: options.orgs }, (_, index) => {
    const requestCount = random.int(1, 3);
    return {
      index,
      name: `Simulated Enterprise ${index + 1}`,
      strictness: random.beta(2, 2),
      requests: Array.from({ length: requestCount }, (_, r) => {
        const topic = TOPICS[(index * 3 + r) % TOPICS.length]!;
        return {
          title: `${topic.title} (${index + 1}.${r + 1})`,
          labels: topic.labels,
          minRows: random.pick([20, 50, 100]),
          acceptedLicenses: random.chance(0.5) ? ['CC-BY-4.0', 'CC0-1.0'] : ['CC-BY-4.0', 'CC0-1.0', 'MIT'],
          minQualityScore: random.pick([0, 50, 60]),
          rewardCents: random.pick([500, 1000, 2000]),
          budgetCents: random.pick([50_000, 100_000, 200_000]),
          postedDay: r === 0 ? 0 : random.int(0, Math.floor(options.days / 2)),
        };
      }),
    };
  });
  return { contributors, organisations };
}
