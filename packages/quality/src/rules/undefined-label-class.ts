import { defineRule, documentationState, fail, PASS } from './rule.ts';

/** Label classes without a definition (Croissant `cr:Label`): labelers and buyers must guess what they mean. */
export const undefinedLabelClass = defineRule({
  code: 'context.undefined-label-class',
  dimension: 'context',
  severity: 'warning',
  weight: 5,
  title: 'Label class without a definition',
  evaluate: ({ manifest }) => {
    const classes = manifest.label?.classes ?? [];
    if (classes.length === 0) return null;
    const undefinedClasses = classes
      .map((labelClass, index) => ({ labelClass, index }))
      .filter(({ labelClass }) => documentationState(labelClass.definition, 3) !== 'ok');
    if (undefinedClasses.length === 0) return PASS;
    return fail(
      undefinedClasses.map(({ labelClass, index }) => ({
        message: `The class "${labelClass.name}" has no clear definition${labelClass.definition ? ' (it is a placeholder or fewer than 3 words)' : ''}.`,
        hint: `Say in one sentence what makes a row "${labelClass.name}", so that two labelers would agree. An example from other data: a class "high" of support tickets, "Service is down for the customer".`,
        location: { field: `label.classes.${index}.definition` },
        count: 1,
      })),
      1 - undefinedClasses.length / classes.length,
    );
  },
});
