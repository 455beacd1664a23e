import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.ts';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

async function run(argv: string[], isTty = false) {
  let out = '';
  let err = '';
  const io = {
    out: (text: string) => {
      out += text;
    },
    err: (text: string) => {
      err += text;
    },
    isTty,
  };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('assay-quality CLI', () => {
  it('prints a summary and exits 0', async () => {
    const { code, out } = await run([
      'score',
      fixture('messy.csv'),
      '--manifest',
      fixture('messy.assay.json'),
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/Overall [\d.]+\/100/);
    expect(out).toContain('Fix: ');
    expect(out).not.toContain('jane.doe@example.com');
  });

  it('shows progress against the file size on a terminal, then clears it', async () => {
    const file = fixture('messy.csv');
    const { code, out, err } = await run(['score', file, '--manifest', fixture('messy.assay.json')], true);
    expect(code).toBe(0);
    const size = (statSync(file).size / 1048576).toFixed(1);
    expect(err).toMatch(new RegExp(`^\\rscoring… [\\d.]+ of ${size.replace('.', '\\.')} MiB, [\\d,]+ rows`));
    expect(err.endsWith('\r\x1b[K')).toBe(true);
    expect(out).toMatch(/Overall [\d.]+\/100/);
  });

  it('prints the report with --json', async () => {
    const { code, out } = await run([
      'score',
      fixture('tickets.csv'),
      '--manifest',
      fixture('tickets.assay.json'),
      '--json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(out).scores.overall).toBe(100);
  });

  it('exits 1 below --fail-under', async () => {
    const args = [
      'score',
      fixture('messy.csv'),
      '--manifest',
      fixture('messy.assay.json'),
      '--fail-under',
      '90',
    ];
    expect((await run(args)).code).toBe(1);
  });

  it('applies --threshold', async () => {
    const args = [
      'score',
      fixture('tickets.csv'),
      '--manifest',
      fixture('tickets.assay.json'),
      '--json',
      '--threshold',
      '100',
    ];
    expect(JSON.parse((await run(args)).out).threshold).toBe(100);
  });

  it('exits 2 on a malformed manifest, listing every issue with its path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-cli-'));
    const manifest = join(dir, 'assay.json');
    writeFileSync(
      manifest,
      JSON.stringify({ title: 3, task: 'clustering', columns: [{ name: 'a', type: 'text' }] }),
    );
    const { code, err } = await run(['score', fixture('tickets.csv'), '--manifest', manifest]);
    expect(code).toBe(2);
    expect(err).toContain('title:');
    expect(err).toContain('task:');
    expect(err).toContain('columns.0.type:');
  });

  it('exits 2 on an unreadable file, a manifest that is not JSON, or bad arguments', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-cli-'));
    const notJson = join(dir, 'assay.json');
    writeFileSync(notJson, '{ nope');
    expect(
      (await run(['score', '/does/not/exist.csv', '--manifest', fixture('tickets.assay.json')])).code,
    ).toBe(2);
    expect((await run(['score', fixture('tickets.csv'), '--manifest', notJson])).code).toBe(2);
    expect((await run(['score', fixture('tickets.csv')])).code).toBe(2);
    expect(
      (await run(['score', fixture('tickets.csv'), '--manifest', notJson, '--threshold', 'high'])).code,
    ).toBe(2);
  });

  // `assay-quality --help` said 'Unknown command "--help"' and exited 2.
  it('prints its usage for --help, -h and help, and exits 0', async () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['score', '--help']]) {
      const { code, out, err } = await run(argv);
      expect(code).toBe(0);
      expect(out).toMatch(/^Usage: assay-quality score <file> --manifest <assay.json>/);
      expect(out).toContain('--format F      csv, tsv or jsonl');
      expect(err).toBe('');
    }
  });

  it('scores a weak but well-formed manifest low instead of rejecting it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-cli-'));
    const manifest = join(dir, 'assay.json');
    writeFileSync(
      manifest,
      JSON.stringify({
        title: 't',
        task: 'classification',
        columns: [
          { name: 'text', type: 'string' },
          { name: 'urgency', type: 'category' },
        ],
        label: { column: 'urgency', classes: [{ name: 'high' }, { name: 'low' }] },
        context: {},
        provenance: { license: 'MY-OWN-LICENCE' },
      }),
    );
    const { code, out } = await run(['score', fixture('tickets.csv'), '--manifest', manifest, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out).scores.overall).toBeLessThan(60);
  });
});
