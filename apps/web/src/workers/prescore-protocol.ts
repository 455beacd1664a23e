import type { ContributorRecord, Requirements, UnreadableRow } from '@assay/quality';
import type { DraftManifest, QualityReport } from '@assay/schema';

/** Where the worker reads the file from: the dropped File, or the uploaded copy's download URL. */
export type PrescoreSource = { kind: 'file'; file: Blob } | { kind: 'url'; url: string };

/**
 * First rows of a file, for the preview table and label detection (rows keyed by column name). A binary
 * file (as the scorer's `looksBinary` sees its first bytes) is not read as rows: `isBinary`, and none.
 */
export interface SamplePreview {
  format: string;
  header: string[];
  rows: Record<string, string>[];
  /** Rows that could not be read into columns (JSON Lines that are not an object): their cells are empty. */
  unreadable?: UnreadableRow[];
  isBinary: boolean;
  /** `;` for a CSV separated by semicolons, as the scorer reads it (so `3,5` in it is a number). */
  delimiter?: ';';
}

/**
 * What a pre-score is graded against, so that it agrees with the server's score of record: the data
 * request's requirements, the enterprise-grade threshold operators set (`settings.scoring`) and the
 * contributor's record of decided submissions (`submission.record`), and whether the record compares the
 * file with other contributors' accepted data (`submission.comparesWithAcceptedData`), which the browser
 * cannot see: the pre-score then scores the file as the contributor's own (`isOverlapCheckedLater`). Each
 * is null when not known here, e.g. offline before it loaded: the library then uses its default threshold
 * and leaves the record and the overlap rules out.
 */
export interface Grading {
  requirements: Requirements | null;
  threshold: number | null;
  contributorRecord: ContributorRecord | null;
  isOverlapCheckedLater: boolean | null;
}

export type WorkerRequest =
  | { type: 'preview'; id: number; source: PrescoreSource; limit: number }
  | ({ type: 'score'; id: number; source: PrescoreSource; manifest: DraftManifest } & Grading)
  | { type: 'cancel'; id: number };

export type WorkerResponse =
  | { type: 'preview'; id: number; preview: SamplePreview }
  | { type: 'progress'; id: number; bytes: number; rows: number }
  | { type: 'report'; id: number; report: QualityReport }
  /** `isManifestRefused`: the scorer could not read the manifest (a classification without its label column). */
  | { type: 'error'; id: number; message: string; isManifestRefused?: boolean };
