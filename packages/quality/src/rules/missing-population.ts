import { defineDocumentationRule } from './documentation.ts';

/** Datasheets: who or what the data is about, and where (population or geography). */
export const missingPopulation = defineDocumentationRule({
  code: 'context.missing-population',
  weight: 4,
  title: 'The population or geography',
  field: 'context.population',
  read: (m) => [m.context?.population, m.context?.geography].filter(Boolean).join(' ') || null,
  minWords: 1,
  question: 'a buyer cannot tell whom or where the data represents.',
  hint: 'Describe who or what the rows are about ("customers of a small hosting company") and where ("EU").',
});
