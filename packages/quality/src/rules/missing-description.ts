import { defineDocumentationRule } from './documentation.ts';

/** Croissant `description`: what the data is, why it was made, what one row is. */
export const missingDescription = defineDocumentationRule({
  code: 'context.missing-description',
  weight: 6,
  title: 'The description',
  field: 'description',
  read: (m) => m.description,
  minWords: 1,
  question: 'a stranger cannot tell what this data is.',
  hint: 'Describe what the data is, why it was made and what one row is, in two or three sentences.',
});
