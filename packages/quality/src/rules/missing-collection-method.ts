import { defineDocumentationRule } from './documentation.ts';

/** Datasheets: "How was the data collected?" (Croissant `rai:dataCollection`). */
export const missingCollectionMethod = defineDocumentationRule({
  code: 'context.missing-collection-method',
  weight: 5,
  title: 'The collection method',
  field: 'context.collectionMethod',
  read: (m) => m.context?.collectionMethod,
  minWords: 3,
  question: 'a buyer cannot tell how the data was gathered.',
  hint: 'Say how and when you gathered the data, e.g. "Exported from our helpdesk, March–May 2025".',
});
