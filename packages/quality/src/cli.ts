/**
 * `assay-quality score <file> --manifest <assay.json> [--json] [--threshold N] [--fail-under N] [--format F]`
 *
 * Exit codes: 0 scored; 1 scored but the overall score is below `--fail-under`; 2 unusable input (file
 * unreadable, manifest not JSON or malformed, bad arguments). This module may use node:*; the library may not.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import {
  type FileFormat,
  FileFormatSchema,
  type Finding,
  ManifestSchema,
  type QualityReport,
} from '@assay/schema';
import { scoreDataset } from './index.ts';

const USAGE = `Usage: assay-quality score <file> --manifest <assay.json> [--json] [--threshold N] [--fail-under N] [--format csv|tsv|jsonl]

Scores a CSV, TSV or JSON Lines file against its manifest and prints the quality report.
  --json          print the full report as JSON
  --threshold N   enterprise-grade threshold, 0-100 (default 70)
  --fail-under N  exit 1 when the overall score is below N
  --format F      csv, tsv or jsonl (sniffed when absent)

Exit codes: 0 scored, 1 below --fail-under, 2 unusable input.`;

/** Where the CLI writes; injectable for tests. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  isTty: boolean;
}

const defaultIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  isTty: process.stderr.isTTY === true,
};

class UsageError extends Error {}

interface Args {
  file: string;
  manifest: string;
  isJson: boolean;
  threshold?: number;
  failUnder?: number;
  format?: FileFormat;
}

function parseScore(text: string | undefined, flag: string): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) {
    throw new UsageError(`${flag} needs a number from 0 to 100`);
  }
  return value;
}

function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (command !== 'score')
    throw new UsageError(command ? `Unknown command "${command}"` : 'No command given');
  const args: Partial<Args> = { isJson: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const next = () => {
      const value = rest[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      return value;
    };
    if (arg === '--json') args.isJson = true;
    else if (arg === '--manifest') args.manifest = next();
    else if (arg === '--threshold') args.threshold = parseScore(next(), arg);
    else if (arg === '--fail-under') args.failUnder = parseScore(next(), arg);
    else if (arg === '--format') {
      const format = FileFormatSchema.safeParse(next());
      if (!format.success) throw new UsageError('--format must be csv, tsv or jsonl');
      args.format = format.data;
    } else if (arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}`);
    else if (args.file === undefined) args.file = arg;
    else throw new UsageError(`Unexpected argument "${arg}"`);
  }
  if (args.file === undefined) throw new UsageError('Name the data file to score');
  if (args.manifest === undefined) throw new UsageError('--manifest <assay.json> is required');
  return args as Args;
}

const SEVERITY_MARK = { error: 'ERROR  ', warning: 'WARNING', info: 'INFO   ' } as const;

function where(finding: Finding): string {
  const location = finding.location;
  if (!location) return '';
  const parts = [];
  if (location.row !== undefined && location.row !== null) parts.push(`row ${location.row}`);
  if (location.column) parts.push(`column "${location.column}"`);
  if (location.field) parts.push(`field ${location.field}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** The readable summary: scores, verdict, and the worst findings with their hints. */
export function formatSummary(report: QualityReport, file: string, maxFindings = 15): string {
  const { scores, stats } = report;
  const lines = [
    `${file}: ${stats.rows.toLocaleString('en-US')} rows, ${stats.columns} columns, ${stats.format}, ${stats.bytes.toLocaleString('en-US')} bytes`,
    `Overall ${scores.overall}/100  (structure ${scores.structure}, context ${scores.context}, provenance ${scores.provenance})`,
    report.enterpriseGrade
      ? `Enterprise grade: yes (threshold ${report.threshold})`
      : `Enterprise grade: no (threshold ${report.threshold}${report.findings.some((f) => f.severity === 'error') ? '; errors must be fixed first' : ''})`,
    '',
  ];
  if (report.findings.length === 0) lines.push('No findings: nothing to fix.');
  for (const finding of report.findings.slice(0, maxFindings)) {
    lines.push(`${SEVERITY_MARK[finding.severity]} ${finding.code}${where(finding)}`);
    lines.push(`        ${finding.message}`);
    lines.push(`        Fix: ${finding.hint}`);
  }
  if (report.findings.length > maxFindings) {
    lines.push(`… and ${report.findings.length - maxFindings} more findings (use --json for all).`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs the CLI and returns its exit code. */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  // Asked for, the usage is the answer (stdout, exit 0), not an unknown command's error.
  if (argv.some((arg) => arg === '--help' || arg === '-h') || argv[0] === 'help') {
    io.out(`${USAGE}\n`);
    return 0;
  }
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }

  let manifestText: string;
  try {
    manifestText = await readFile(args.manifest, 'utf8');
  } catch (error) {
    io.err(`Cannot read the manifest ${args.manifest}: ${(error as Error).message}\n`);
    return 2;
  }
  let manifestJson: unknown;
  try {
    manifestJson = JSON.parse(manifestText);
  } catch (error) {
    io.err(`The manifest ${args.manifest} is not valid JSON: ${(error as Error).message}\n`);
    return 2;
  }
  const manifest = ManifestSchema.safeParse(manifestJson);
  if (!manifest.success) {
    io.err(`The manifest ${args.manifest} is malformed:\n`);
    for (const issue of manifest.error.issues) {
      io.err(`  ${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}\n`);
    }
    return 2;
  }

  let totalBytes: number;
  try {
    const info = await stat(args.file);
    if (!info.isFile()) throw new Error('not a regular file');
    totalBytes = info.size;
  } catch (error) {
    io.err(`Cannot read the data file ${args.file}: ${(error as Error).message}\n`);
    return 2;
  }

  let lastProgress = 0;
  let report: QualityReport;
  try {
    report = await scoreDataset({
      source: createReadStream(args.file, { highWaterMark: 1 << 16 }),
      format: args.format,
      manifest: manifest.data,
      options: {
        threshold: args.threshold,
        totalBytes,
        onProgress: io.isTty
          ? ({ bytes, rows }) => {
              const now = Date.now();
              if (now - lastProgress < 200) return;
              lastProgress = now;
              io.err(
                `\rscoring… ${(bytes / 1048576).toFixed(1)} of ${(totalBytes / 1048576).toFixed(1)} MiB, ${rows.toLocaleString('en-US')} rows`,
              );
            }
          : undefined,
      },
    });
  } catch (error) {
    io.err(`${io.isTty ? '\n' : ''}Cannot read the data file ${args.file}: ${(error as Error).message}\n`);
    return 2;
  }
  if (io.isTty && lastProgress > 0) io.err('\r\x1b[K');

  io.out(args.isJson ? `${JSON.stringify(report, null, 2)}\n` : formatSummary(report, args.file));
  if (args.failUnder !== undefined && report.scores.overall < args.failUnder) {
    if (!args.isJson)
      io.err(`Overall score ${report.scores.overall} is below --fail-under ${args.failUnder}.\n`);
    return 1;
  }
  return 0;
}
