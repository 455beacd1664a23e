import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

const WORDS = [
  'server',
  'down',
  'invoice',
  'please',
  'help',
  'login',
  'error',
  'slow',
  'refund',
  'account',
  'billing',
  'domain',
  'mail',
  'backup',
  'quota',
  'ticket',
  'urgent',
  'thanks',
];
/**
 * The vocabulary of a multilingual variant: accented Latin letters (two UTF-8 bytes), Japanese (three)
 * and an emoji (four, a surrogate pair in the decoded string); nearly every row has some.
 */
export const WORDS_BEYOND_ASCII = [
  'server',
  'down',
  'Rückerstattung',
  'please',
  'Hilfe',
  'login',
  'erreur',
  'réseau',
  'désolé',
  'account',
  'facturación',
  'año',
  'ログイン',
  '障害',
  'ticket',
  'urgent',
  'ありがとう',
  '👍',
];
const LABELS = ['high', 'low', 'medium'];

/** A deterministic pseudo-random generator (mulberry32), so every run benchmarks the same bytes. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BenchRow {
  id: number;
  text: string;
  label: string;
  amount: number;
  created: string;
  email: string;
  note: string;
  score: number;
}

/** Rows of the benchmark: text with quotes, commas and newlines, a few invalid labels, a sparse column, 1% duplicates. */
export function* benchRows(count: number, vocabulary: readonly string[] = WORDS): Generator<BenchRow> {
  const rand = random(42);
  let previous: BenchRow | null = null;
  for (let i = 0; i < count; i++) {
    if (previous !== null && i % 100 === 99) {
      yield previous;
      continue;
    }
    const words: string[] = [];
    const n = 6 + Math.floor(rand() * 8);
    for (let w = 0; w < n; w++) words.push(vocabulary[Math.floor(rand() * vocabulary.length)]!);
    let text = words.join(' ');
    const r = rand();
    if (r < 0.2) text = `${text}, "really" ${i}`;
    else if (r < 0.25) text = `${text}\nsecond line ${i}`;
    else text = `${text} ${i}`;
    const row: BenchRow = {
      id: i + 1,
      text,
      label: rand() < 0.001 ? 'Hgih' : LABELS[Math.floor(rand() * 2)]!,
      amount: Math.round(rand() * 100000) / 100,
      created: `2025-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
      email: `user${Math.floor(rand() * 100000)}@example.com`,
      note: rand() < 0.05 ? `note ${Math.floor(rand() * 1000)}` : '',
      score: Math.floor(rand() * 5) + 1,
    };
    previous = row;
    yield row;
  }
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Writes `rows` rows as CSV and as JSON Lines, their text drawn from `vocabulary`. */
export async function generate(
  rows: number,
  csvPath: string,
  jsonlPath: string,
  vocabulary: readonly string[] = WORDS,
): Promise<void> {
  const csv = createWriteStream(csvPath);
  const jsonl = createWriteStream(jsonlPath);
  csv.write('id,text,label,amount,created,email,note,score\n');
  let csvBuffer = '';
  let jsonBuffer = '';
  for (const row of benchRows(rows, vocabulary)) {
    csvBuffer += `${row.id},${csvField(row.text)},${row.label},${row.amount},${row.created},${row.email},${csvField(row.note)},${row.score}\n`;
    jsonBuffer += `${JSON.stringify(row)}\n`;
    if (csvBuffer.length > 1 << 20) {
      if (!csv.write(csvBuffer)) await once(csv, 'drain');
      if (!jsonl.write(jsonBuffer)) await once(jsonl, 'drain');
      csvBuffer = '';
      jsonBuffer = '';
    }
  }
  csv.end(csvBuffer);
  jsonl.end(jsonBuffer);
  await Promise.all([once(csv, 'finish'), once(jsonl, 'finish')]);
}
