import { defineRule, fail, PASS } from './rule.ts';

/** Source types that have an origin a buyer can check. */
const NEEDS_URL = new Set(['scraped', 'purchased', 'derived']);

function isHttpUrl(text: string): boolean {
  return /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(text.trim());
}

/** Scraped, purchased or derived data without a URL of its origin, or with a URL that is not one. */
export const sourceUrlMissing = defineRule({
  code: 'provenance.source-url-missing',
  dimension: 'provenance',
  severity: 'warning',
  weight: 3,
  title: 'Source URL missing',
  evaluate: ({ manifest }) => {
    const provenance = manifest.provenance;
    const url = provenance?.sourceUrl?.trim();
    const sourceType = provenance?.sourceType;
    if (url) {
      return isHttpUrl(url)
        ? PASS
        : fail([
            {
              message: 'The source URL is not a web address.',
              hint: 'Give the full address of the source, starting with https://.',
              location: { field: 'provenance.sourceUrl' },
              count: 1,
            },
          ]);
    }
    if (!sourceType || !NEEDS_URL.has(sourceType)) return null;
    return fail([
      {
        message: `The data is ${sourceType}, but the URL of its origin is missing.`,
        hint: 'Give the address of the website, seller or original dataset so a buyer can check its terms.',
        location: { field: 'provenance.sourceUrl' },
        count: 1,
      },
    ]);
  },
});
