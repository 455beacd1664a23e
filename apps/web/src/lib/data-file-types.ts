import { guessDelimiter } from '@assay/quality';
import type { FileRejection } from '@mantine/dropzone';
import type { SamplePreview } from '../workers/prescore-protocol.ts';
import { formatFileSize } from './file-size.ts';

/**
 * The data files the wizard takes, as react-dropzone's `accept` wants them: MIME type → extensions. A file
 * is taken when its type or its extension matches, so a `.csv` the OS calls `text/plain` (or gives no
 * type) goes in by its extension. Keys must be MIME types: react-dropzone skips, with a console warning,
 * an extension given as a key, and then the file chooser does not filter.
 */
export const DATA_FILE_ACCEPT: Readonly<Record<string, string[]>> = {
  'text/csv': ['.csv'],
  'text/tab-separated-values': ['.tsv', '.tab'],
  // Excel's "Text (Tab delimited)" saves a .txt: its format is read from its bytes, as the server reads it.
  'text/plain': ['.txt'],
  'application/jsonl': ['.jsonl', '.ndjson'],
  'application/x-ndjson': ['.jsonl', '.ndjson'],
};

/** The server's default largest upload (UPLOAD_LIMIT_BYTES): the wizard's until the server says its own. */
export const MAX_DATA_FILE_BYTES = 1024 ** 3;

/** What to tell a contributor about files the dropzone refused, one sentence per file. */
export function rejectionMessage(
  rejections: readonly FileRejection[],
  limitBytes: number = MAX_DATA_FILE_BYTES,
): string {
  if (rejections.some(({ errors }) => errors.some((error) => error.code === 'too-many-files')))
    return 'Drop one file at a time: a submission holds a single CSV, TSV or JSONL file.';
  return rejections
    .map(({ file, errors }) =>
      errors.some((error) => error.code === 'file-too-large')
        ? `“${file.name}” is larger than ${formatFileSize(limitBytes)}, the most a submission takes.`
        : `“${file.name}” is not a CSV, TSV or JSONL file: choose one ending in .csv, .tsv, .txt or .jsonl.`,
    )
    .join(' ');
}

/**
 * Why a file, from its first rows, cannot be scored, or null: the cases the scorer's fatal structure
 * findings name (structure.binary-file, structure.empty-file, structure.no-rows), said with what to do, and
 * JSON Lines none of whose first lines is an object (a JSON array, pretty-printed JSON): it has no columns
 * to declare, and was taken, scored and then refused at submission for its missing columns.
 */
const SEPARATOR_NAMES: Record<string, string> = {
  ';': 'semicolons (;)',
  '\t': 'tabs',
  '|': 'vertical bars (|)',
  ',': 'commas',
};

/**
 * Whether the file's first rows hold U+FFFD, the character that stands for bytes that are not UTF-8:
 * the file was likely saved as Windows-1252 ("ANSI") or Latin-1, and its accented letters are lost.
 */
export function encodingNotice(preview: SamplePreview, fileName: string): string | null {
  const cells = [...preview.header, ...preview.rows.flatMap((row) => Object.values(row))];
  if (!cells.some((cell) => cell.includes('\uFFFD'))) return null;
  // Excel's "CSV UTF-8" writes semicolons where the comma is the decimal separator, and they are read:
  // "comma delimited" alone read as if the semicolons had to go.
  const save =
    preview.delimiter === ';'
      ? 'In Excel, save it as “CSV UTF-8”; its semicolons can stay'
      : 'In Excel, save it as “CSV UTF-8 (comma delimited)”';
  return `Some characters of “${fileName}” are not UTF-8 (shown as �): it was likely saved as Windows-1252 (“ANSI”) or Latin-1, and its accented letters are lost. ${save}, and choose it again.`;
}

export function unusableFileMessage(preview: SamplePreview, fileName: string): string | null {
  if (preview.isBinary)
    return `“${fileName}” is not a text file: it may be a spreadsheet, an archive or an image. Export your data as CSV (comma-separated), TSV or JSON Lines, in UTF-8, and choose that file.`;
  if (preview.header.length === 0 && preview.rows.length === 0)
    return `“${fileName}” is empty. Choose the file that holds your data: a header row and at least one data row.`;
  if (preview.rows.length === 0)
    return `“${fileName}” has a header but no data rows. Add your data below the header, one record per line, and choose the file again.`;
  // The scorer's own test (`structure.wrong-delimiter`), on a one-column header of a CSV or TSV.
  const separator =
    preview.format === 'jsonl' || preview.header.length !== 1
      ? null
      : guessDelimiter(preview.header[0] ?? '', preview.format === 'tsv' ? '\t' : ',');
  if (separator) {
    // Read in one column, the contributor learned it from a wall of findings at the pre-score, four steps
    // later. A CSV with semicolons (Excel's, where the comma is the decimal separator) is read as such and
    // never comes here; a .tsv with semicolons, or a CSV with vertical bars, does.
    const fix =
      preview.format === 'tsv'
        ? 'Save it with tabs between values (TSV), or as a .csv file if it uses commas or semicolons'
        : 'In Excel, save it as “CSV UTF-8 (comma delimited)”; or, if it uses tabs, as a .tsv file';
    return `“${fileName}” separates its values with ${SEPARATOR_NAMES[separator]}, so every row reads as one column. ${fix}, and choose it again.`;
  }
  if (preview.format === 'jsonl' && preview.header.length === 0) {
    const first = preview.unreadable?.[0];
    return first?.problem === 'not-object' && first.text.startsWith('[')
      ? `“${fileName}” holds a JSON array, not JSON Lines. Write one object per line, such as {"text": "…", "label": "…"}, without the surrounding [ ], and choose the file again.`
      : `The first lines of “${fileName}” are not JSON objects. JSON Lines holds one object per line, such as {"text": "…", "label": "…"}: pretty-printed JSON spreads each object over several lines. Write each object on one line and choose the file again.`;
  }
  return null;
}
