import { defineRule, fail, PASS } from './rule.ts';

/** A UTF-8 byte order mark: harmless here, but some tools read it into the first column's name. */
export const byteOrderMark = defineRule({
  code: 'structure.byte-order-mark',
  dimension: 'structure',
  severity: 'info',
  weight: 1,
  title: 'Byte order mark',
  evaluate: ({ evidence }) =>
    evidence.hasUtf8Bom
      ? fail(
          [
            {
              message: 'The file starts with an invisible byte order mark (BOM). It was ignored here.',
              hint: 'Some tools read the mark into the first column name; export as UTF-8 without BOM to avoid that.',
              count: 1,
            },
          ],
          0.5,
        )
      : PASS,
});
