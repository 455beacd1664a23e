import { defineRule, fail, isReadable, PASS, plural } from './rule.ts';

/** Bytes that are not valid UTF-8: the text was saved in another encoding or damaged. */
export const invalidUtf8 = defineRule({
  code: 'structure.invalid-utf8',
  dimension: 'structure',
  severity: 'error',
  weight: 5,
  title: 'Invalid UTF-8',
  evaluate: ({ evidence }) => {
    if (!isReadable(evidence)) return null;
    const count = evidence.invalidUtf8;
    if (count === 0) return PASS;
    return fail([
      {
        message: `The file has ${plural(count, 'character')} that could not be read as UTF-8 text; they show as "�".`,
        hint: 'Save the file again as "CSV UTF-8" (Excel) or choose UTF-8 as the encoding when exporting.',
        count,
      },
    ]);
  },
});
