import type { Manifest } from '@assay/schema';
import { defineRule, documentationState, fail, PASS, type Rule } from './rule.ts';

/** A context rule that one datasheet field is filled in with something specific. */
export function defineDocumentationRule(spec: {
  code: string;
  weight: number;
  title: string;
  /** The title names a plural ("The limitations"): its verb is "are". */
  isPlural?: boolean;
  field: string;
  read: (manifest: Manifest) => string | null | undefined;
  minWords: number;
  question: string;
  hint: string;
  appliesTo?: (manifest: Manifest) => boolean;
}): Rule {
  return defineRule({
    code: spec.code,
    dimension: 'context',
    severity: 'warning',
    weight: spec.weight,
    title: spec.title,
    evaluate: ({ manifest }) => {
      if (spec.appliesTo && !spec.appliesTo(manifest)) return null;
      const state = documentationState(spec.read(manifest), spec.minWords);
      if (state === 'ok') return PASS;
      const verb = spec.isPlural ? 'are' : 'is';
      const lead = {
        missing: `${verb} missing`,
        placeholder: `${verb} a placeholder`,
        'too-short': `${verb} too short to be useful`,
      }[state];
      return fail(
        [
          {
            message: `${spec.title} ${lead}: ${spec.question}`,
            hint: spec.hint,
            location: { field: spec.field },
            count: 1,
          },
        ],
        state === 'too-short' ? 0.5 : 0,
      );
    },
  });
}
