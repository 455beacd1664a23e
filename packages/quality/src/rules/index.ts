import { attestationMissing } from './attestation-missing.ts';
import { attestationUndated } from './attestation-undated.ts';
import { binaryFile } from './binary-file.ts';
import { boilerplateDescription } from './boilerplate-description.ts';
import { byteOrderMark } from './byte-order-mark.ts';
import { classImbalance } from './class-imbalance.ts';
import { columnMissing } from './column-missing.ts';
import { columnUndeclared } from './column-undeclared.ts';
import { conflictingLabels } from './conflicting-labels.ts';
import { consentMissing } from './consent-missing.ts';
import { consentNotAccepted } from './consent-not-accepted.ts';
import { constantColumn } from './constant-column.ts';
import { contributorRecord } from './contributor-record.ts';
import { copiedData } from './copied-data.ts';
import { datesOutsideTimeframe } from './dates-outside-timeframe.ts';
import { decimalCommaNumbers } from './decimal-comma-numbers.ts';
import { duplicateRows } from './duplicate-rows.ts';
import { emptyColumn } from './empty-column.ts';
import { emptyFile } from './empty-file.ts';
import { headerDuplicate } from './header-duplicate.ts';
import { headerEmpty } from './header-empty.ts';
import { headerMissing } from './header-missing.ts';
import { headerPadded } from './header-padded.ts';
import { invalidJson } from './invalid-json.ts';
import { invalidUtf8 } from './invalid-utf8.ts';
import { labelClassVariants } from './label-class-variants.ts';
import { labelColumnMissing } from './label-column-missing.ts';
import { labelMissing } from './label-missing.ts';
import { labelOutsideSchema } from './label-outside-schema.ts';
import { labelSetMismatch } from './label-set-mismatch.ts';
import { licenseMissing } from './license-missing.ts';
import { licenseNotAccepted } from './license-not-accepted.ts';
import { licenseNotCommercial } from './license-not-commercial.ts';
import { licenseUnknown } from './license-unknown.ts';
import { missingAnnotationProtocol } from './missing-annotation-protocol.ts';
import { missingCollectionMethod } from './missing-collection-method.ts';
import { missingColumnDescription } from './missing-column-description.ts';
import { missingDescription } from './missing-description.ts';
import { missingIntendedUse } from './missing-intended-use.ts';
import { missingLimitations } from './missing-limitations.ts';
import { missingPopulation } from './missing-population.ts';
import { missingTimeframe } from './missing-timeframe.ts';
import { missingUnit } from './missing-unit.ts';
import { missingValues } from './missing-values.ts';
import { mixedLineEndings } from './mixed-line-endings.ts';
import { nearDuplicateRows } from './near-duplicate-rows.ts';
import { nestedValue } from './nested-value.ts';
import { noRows } from './no-rows.ts';
import { overlappingData } from './overlapping-data.ts';
import { personalDataDeclared } from './personal-data-declared.ts';
import { personalDataUndeclared } from './personal-data-undeclared.ts';
import { personalDataUnstated } from './personal-data-unstated.ts';
import { quoting } from './quoting.ts';
import { raggedRows } from './ragged-rows.ts';
import { requiredColumnMissing } from './required-column-missing.ts';
import { rowTooLarge } from './row-too-large.ts';
import type { Rule } from './rule.ts';
import { semicolonSeparated } from './semicolon-separated.ts';
import { separatorLine } from './separator-line.ts';
import { sourceMissing } from './source-missing.ts';
import { sourceUrlMissing } from './source-url-missing.ts';
import { targetNotNumeric } from './target-not-numeric.ts';
import { taskMismatch } from './task-mismatch.ts';
import { titleGeneric } from './title-generic.ts';
import { tooFewRows } from './too-few-rows.ts';
import { typeMismatch } from './type-mismatch.ts';
import { undefinedLabelClass } from './undefined-label-class.ts';
import { unsafeInteger } from './unsafe-integer.ts';
import { utf16Encoding } from './utf16-encoding.ts';
import { wrongDelimiter } from './wrong-delimiter.ts';

/**
 * Every rule, in report order: structure, context, provenance. A rule's weight is its share of its
 * dimension's score (see README "Scores").
 */
export const ALL_RULES: readonly Rule[] = [
  emptyFile,
  binaryFile,
  noRows,
  invalidUtf8,
  utf16Encoding,
  byteOrderMark,
  quoting,
  raggedRows,
  mixedLineEndings,
  wrongDelimiter,
  semicolonSeparated,
  decimalCommaNumbers,
  separatorLine,
  rowTooLarge,
  invalidJson,
  headerMissing,
  headerDuplicate,
  headerEmpty,
  headerPadded,
  columnMissing,
  columnUndeclared,
  typeMismatch,
  unsafeInteger,
  nestedValue,
  missingValues,
  emptyColumn,
  constantColumn,
  labelColumnMissing,
  targetNotNumeric,
  labelMissing,
  labelOutsideSchema,
  labelClassVariants,
  classImbalance,
  duplicateRows,
  nearDuplicateRows,
  conflictingLabels,
  personalDataUndeclared,
  personalDataDeclared,
  tooFewRows,
  requiredColumnMissing,
  labelSetMismatch,
  taskMismatch,
  titleGeneric,
  missingDescription,
  boilerplateDescription,
  missingCollectionMethod,
  missingTimeframe,
  datesOutsideTimeframe,
  missingPopulation,
  missingIntendedUse,
  missingLimitations,
  missingAnnotationProtocol,
  undefinedLabelClass,
  missingColumnDescription,
  missingUnit,
  licenseMissing,
  licenseUnknown,
  licenseNotAccepted,
  licenseNotCommercial,
  sourceMissing,
  sourceUrlMissing,
  personalDataUnstated,
  consentMissing,
  consentNotAccepted,
  attestationMissing,
  attestationUndated,
  copiedData,
  overlappingData,
  contributorRecord,
];
