import { defineRule, documentationState, fail, PASS } from './rule.ts';

/** Template sentences and generic phrases that say nothing about this particular data. */
const BOILERPLATE = [
  /what the data is, why it was made, what one row is/i,
  /^this (is a |)(dataset|data set|data)\.?$/i,
  /^(a |my |the )?(dataset|data set|data|file|csv) (of|with|containing) (data|stuff|things|rows)\.?$/i,
  /describe (your|the) (data|dataset)/i,
];

/** Minimum words for a description to say what the data is, why it was made and what a row is. */
const MIN_WORDS = 12;

/** A description that exists but is boilerplate: template text, a repeat of the title, or a few words. */
export const boilerplateDescription = defineRule({
  code: 'context.boilerplate-description',
  dimension: 'context',
  severity: 'warning',
  weight: 4,
  title: 'Generic description',
  evaluate: ({ manifest }) => {
    const description = manifest.description?.trim() ?? '';
    if (documentationState(description) !== 'ok') return null;
    const isTemplate = BOILERPLATE.some((pattern) => pattern.test(description));
    const isTitle = description.toLowerCase() === manifest.title.trim().toLowerCase();
    const words = description.split(/\s+/).length;
    if (!isTemplate && !isTitle && words >= MIN_WORDS) return PASS;
    return fail(
      [
        {
          message: isTemplate
            ? 'The description is template text, not a description of this data.'
            : isTitle
              ? 'The description only repeats the title.'
              : `The description is very short (${words} words): a stranger will not know what one row is.`,
          hint: 'Say what the data is, why it was made, and what one row holds, specific to this file.',
          location: { field: 'description' },
          count: 1,
        },
      ],
      isTemplate || isTitle ? 0 : 0.5,
    );
  },
});
