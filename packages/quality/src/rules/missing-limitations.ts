import { defineDocumentationRule } from './documentation.ts';

/** Datasheets: known gaps and biases (Croissant `rai:dataLimitations`). */
export const missingLimitations = defineDocumentationRule({
  code: 'context.missing-limitations',
  weight: 4,
  title: 'The limitations',
  isPlural: true,
  field: 'context.limitations',
  read: (m) => m.context?.limitations,
  minWords: 2,
  question: 'every dataset has gaps, and a buyer needs to know them.',
  hint: 'Name what the data does not cover or may get wrong, e.g. "English only; one company".',
});
