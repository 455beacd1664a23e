import { isClassificationTask } from '@assay/schema';
import { defineDocumentationRule } from './documentation.ts';

/** How labels were assigned (Croissant `rai:dataAnnotationProtocol`); asked of labeled tasks. */
export const missingAnnotationProtocol = defineDocumentationRule({
  code: 'context.missing-annotation-protocol',
  weight: 3,
  title: 'The annotation protocol',
  field: 'context.annotationProtocol',
  read: (m) => m.context?.annotationProtocol,
  minWords: 3,
  question: 'a buyer cannot tell who assigned the labels, or how.',
  hint: 'Say who labeled the rows and how, e.g. "One agent per ticket, labeled at close time".',
  appliesTo: (m) => isClassificationTask(m.task) || !!m.label,
});
