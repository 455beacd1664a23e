import { defineDocumentationRule } from './documentation.ts';

/** Datasheets: what the data was made for (Croissant `rai:dataUseCases`). */
export const missingIntendedUse = defineDocumentationRule({
  code: 'context.missing-intended-use',
  weight: 4,
  title: 'The intended use',
  field: 'context.intendedUse',
  read: (m) => m.context?.intendedUse,
  minWords: 3,
  question: 'a buyer cannot tell what the data is fit for.',
  hint: 'Say what the data is meant for, e.g. "Training a ticket triage classifier".',
});
