/**
 * @assay/quality: streaming, explainable scoring of a labeled data file and its manifest in three
 * dimensions (structure, context, provenance). Pure TypeScript with no Node or DOM imports: the same
 * code scores a file in a browser Web Worker and on the server.
 */
export { allowsDecimalCommas, isDecimalCommaText } from './cell-checks.ts';
export { findEarlierRows, REPEAT_FINDING_CODES } from './earlier-rows.ts';
export { isLabelText, labelReadAs, labelToKeep } from './label-text.ts';
export { isLuhnValid, maskPersonalData, maskSample } from './pii.ts';
export { labelSetDifference } from './rules/label-set-mismatch.ts';
export type { ContributorRecord, Requirements } from './rules/rule.ts';
export { readSampleRows, type SampleRows, spreadRowNumbers, type UnreadableRow } from './sample.ts';
export { FINGERPRINT_COUNT, guessDelimiter } from './scan.ts';
export {
  DEFAULT_THRESHOLD,
  DIMENSION_WEIGHTS,
  InvalidManifestError,
  RULES,
  type ScoreOptions,
  scoreDataset,
} from './score.ts';
export { looksBinary, sniffCsvDelimiter, sniffFormat } from './sniff.ts';
export type { ByteSource } from './source.ts';
export {
  isValidSpdx,
  SPDX_LICENSES,
  type SpdxLicense,
  spdxLicense,
  unknownLicenseMessage,
} from './spdx.ts';
export { type TimeframeProblem, timeframeProblems } from './timeframe.ts';
export { FINGERPRINT_MAJOR_VERSION, SCORER_VERSION } from './version.ts';
