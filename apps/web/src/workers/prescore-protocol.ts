import type { ContributorRecord, Requirements } from '@assay/quality';
import type { DraftManifest, QualityReport } from '@assay/schema';

/** Where the worker reads the file from: the dropped File, or the uploaded copy's download URL. */
export type PrescoreSource = { kind: 'file'; file: Blob } | { kind: 'url'; url: string };

/** First rows of a file, for the preview table and label detection (rows keyed by column name). */
export interface SamplePreview {
  format: string;
  header: string[];
  rows: Record<string, string>[];
}

export type WorkerRequest =
  | { type: 'preview'; id: number; source: PrescoreSource; limit: number }
  | {
      type: 'score';
      id: number;
      source: PrescoreSource;
      manifest: DraftManifest;
      requirements: Requirements | null;
      /** The server's enterprise-grade threshold (`settings.scoring`), or null for the library's default. */
      threshold: number | null;
      /** The contributor's record (`submission.record`), or null when not known here. */
      contributorRecord: ContributorRecord | null;
    }
  | { type: 'cancel'; id: number };

export type WorkerResponse =
  | { type: 'preview'; id: number; preview: SamplePreview }
  | { type: 'progress'; id: number; bytes: number; rows: number }
  | { type: 'report'; id: number; report: QualityReport }
  | { type: 'error'; id: number; message: string };
