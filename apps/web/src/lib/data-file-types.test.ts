import type { FileRejection } from '@mantine/dropzone';
import { describe, expect, it } from 'vitest';
import {
  DATA_FILE_ACCEPT,
  encodingNotice,
  rejectionMessage,
  unusableFileMessage,
} from './data-file-types.ts';

function rejected(name: string, ...codes: string[]): FileRejection {
  return {
    file: new File(['x'], name) as FileRejection['file'],
    errors: codes.map((code) => ({ code, message: code })),
  };
}

describe('DATA_FILE_ACCEPT', () => {
  // Extensions given as keys ('.csv') made react-dropzone warn "not a valid MIME type" and drop the filter.
  it('maps MIME types to extensions, as react-dropzone expects', () => {
    for (const [type, extensions] of Object.entries(DATA_FILE_ACCEPT)) {
      expect(type).toMatch(/^[a-z]+\/[-+.\w]+$/);
      for (const extension of extensions) expect(extension).toMatch(/^\.\w+$/);
    }
    expect(Object.values(DATA_FILE_ACCEPT).flat()).toEqual(
      // .ndjson, .tab and Excel's tab-separated .txt were refused by their names.
      expect.arrayContaining(['.csv', '.tsv', '.tab', '.txt', '.jsonl', '.ndjson']),
    );
  });
});

describe('rejectionMessage', () => {
  it('names a refused file and the types taken', () => {
    expect(rejectionMessage([rejected('model.bin', 'file-invalid-type')])).toBe(
      '“model.bin” is not a CSV, TSV or JSONL file: choose one ending in .csv, .tsv, .txt or .jsonl.',
    );
  });

  it('says when a file is too large, and when more than one was dropped', () => {
    // The server's limit, in the reader's units: 1 GiB by default, or what UPLOAD_LIMIT_BYTES says.
    expect(rejectionMessage([rejected('huge.csv', 'file-too-large')])).toBe(
      '“huge.csv” is larger than 1.1 GB, the most a submission takes.',
    );
    expect(rejectionMessage([rejected('huge.csv', 'file-too-large')], 10_000_000)).toBe(
      '“huge.csv” is larger than 10 MB, the most a submission takes.',
    );
    expect(
      rejectionMessage([rejected('a.csv', 'too-many-files'), rejected('b.csv', 'too-many-files')]),
    ).toMatch(/^Drop one file at a time/);
  });
});

// A binary, empty or header-only file showed "Uploaded", then garbage or an empty table.
describe('unusableFileMessage', () => {
  const preview = {
    format: 'csv',
    header: ['text', 'label'],
    rows: [{ text: 'hi', label: 'a' }],
    isBinary: false,
  };
  it.each([
    ['a binary file', { ...preview, header: [], rows: [], isBinary: true }, '“f.csv” is not a text file'],
    ['an empty file', { ...preview, header: [], rows: [] }, '“f.csv” is empty'],
    ['a header without rows', { ...preview, rows: [] }, '“f.csv” has a header but no data rows'],
  ])('refuses %s, saying what to do', (_, sample, says) => {
    expect(unusableFileMessage(sample, 'f.csv')).toContain(says);
  });
  // A JSON array saved as .jsonl was taken, pre-scored 87 in structure, and refused only at submission.
  it.each([
    [
      'a JSON array',
      { problem: 'not-object' as const, text: '[{"text":"a","label":"x"},{"text":"b","label":"y"}]' },
      ['“f.jsonl” holds a JSON array, not JSON Lines', 'without the surrounding [ ]'],
    ],
    [
      'pretty-printed JSON',
      { problem: 'invalid-json' as const, text: '{' },
      ['The first lines of “f.jsonl” are not JSON objects', 'Write each object on one line'],
    ],
  ])('refuses JSON Lines with no object in its first lines: %s', (_, unreadable, says) => {
    const sample = {
      format: 'jsonl',
      header: [],
      rows: [{}],
      unreadable: [{ index: 0, ...unreadable }],
      isBinary: false,
    };
    const message = unusableFileMessage(sample, 'f.jsonl') ?? '';
    for (const part of says) expect(message).toContain(part);
  });
  it('takes a file with rows', () => {
    expect(unusableFileMessage(preview, 'f.csv')).toBeNull();
  });
  // A file read as one column, found out four steps later at the pre-score. (A CSV with semicolons is read
  // with them: its preview has its columns.)
  it('refuses a file whose one column holds another separator, saying how to save it', () => {
    const bars = {
      ...preview,
      header: ['id|review|price'],
      rows: [{ 'id|review|price': '1|gut|3.50' }],
    };
    expect(unusableFileMessage(bars, 'f.csv')).toBe(
      '“f.csv” separates its values with vertical bars (|), so every row reads as one column. In Excel, save it as “CSV UTF-8 (comma delimited)”; or, if it uses tabs, as a .tsv file, and choose it again.',
    );
    const semicolonsInTsv = { ...bars, format: 'tsv', header: ['id;review;price'] };
    expect(unusableFileMessage(semicolonsInTsv, 'f.tsv')).toBe(
      '“f.tsv” separates its values with semicolons (;), so every row reads as one column. Save it with tabs between values (TSV), or as a .csv file if it uses commas or semicolons, and choose it again.',
    );
    const commasInTsv = { ...bars, format: 'tsv', header: ['id,review,price'] };
    expect(unusableFileMessage(commasInTsv, 'f.tsv')).toContain('separates its values with commas');
    // Two columns are enough to tell (the scorer's `structure.wrong-delimiter` says the same).
    expect(unusableFileMessage({ ...preview, header: ['text|label'], rows: [{}] }, 'f.csv')).toContain(
      'vertical bars',
    );
  });
});

describe('encodingNotice', () => {
  it('says a file with characters that are not UTF-8 was likely saved as Windows-1252', () => {
    const latin = { format: 'csv', header: ['text'], rows: [{ text: 'Qualit\uFFFDt' }], isBinary: false };
    expect(encodingNotice(latin, 'f.csv')).toMatch(
      /^Some characters of “f.csv” are not UTF-8 .*Windows-1252/,
    );
    expect(encodingNotice(latin, 'f.csv')).toContain('save it as “CSV UTF-8 (comma delimited)”, and choose');
    // Semicolons are read: the advice does not ask for commas.
    expect(encodingNotice({ ...latin, delimiter: ';' }, 'f.csv')).toContain(
      'In Excel, save it as “CSV UTF-8”; its semicolons can stay, and choose it again.',
    );
    expect(encodingNotice({ ...latin, rows: [{ text: 'Qualität' }] }, 'f.csv')).toBeNull();
  });
});
