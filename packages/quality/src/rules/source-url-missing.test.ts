import { describeRule, withManifest } from '../../test/rule-cases.ts';

describeRule('provenance.source-url-missing', [
  { name: 'good: self-collected needs no URL', isFound: false },
  {
    name: 'good: scraped with URL',
    manifest: withManifest((m) => {
      m.provenance!.sourceType = 'scraped';
      m.provenance!.sourceUrl = 'https://example.org/forum';
    }),
    isFound: false,
  },
  {
    name: 'bad: scraped without URL',
    manifest: withManifest((m) => {
      m.provenance!.sourceType = 'scraped';
    }),
    isFound: true,
  },
  {
    name: 'bad: not a URL',
    manifest: withManifest((m) => {
      m.provenance!.sourceUrl = 'my computer';
    }),
    isFound: true,
  },
]);
