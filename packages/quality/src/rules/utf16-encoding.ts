import { defineRule, fail, PASS } from './rule.ts';

/** The file is UTF-16 (it starts with a UTF-16 byte order mark); it was read, but most tools expect UTF-8. */
export const utf16Encoding = defineRule({
  code: 'structure.utf16-encoding',
  dimension: 'structure',
  severity: 'warning',
  weight: 2,
  title: 'UTF-16 instead of UTF-8',
  evaluate: ({ evidence }) =>
    evidence.encoding === 'utf-8'
      ? PASS
      : fail([
          {
            message: 'The file is saved as UTF-16. It could be read, but most data tools expect UTF-8.',
            hint: 'Save or export the file with UTF-8 encoding ("CSV UTF-8" in Excel).',
            count: 1,
          },
        ]),
});
