import { describe, expect, it } from 'vitest';
import { downloadBaseName } from './file-name.ts';

const id = '0b8f5a4e-1d2c-4e5f-8a9b-0c1d2e3f4a5b';

describe('downloadBaseName', () => {
  it('names a download after its dataset and version', () => {
    expect(downloadBaseName('Customer support tickets, labeled by urgency', 1, id)).toBe(
      'customer-support-tickets-labeled-by-urgency-v1',
    );
    expect(downloadBaseName('  Données météo: Zürich "2025"  ', 3, id)).toBe('donnees-meteo-zurich-2025-v3');
  });

  it('keeps a long title to 60 characters, and falls back to the version id when nothing of it is ASCII', () => {
    expect(downloadBaseName('word '.repeat(40), 2, id)).toBe(`${'word-'.repeat(12).slice(0, -1)}-v2`);
    expect(downloadBaseName('天気のデータ', 1, id)).toBe(`assay-${id}`);
    expect(downloadBaseName('"; rm -rf / #', 1, id)).toBe('rm-rf-v1');
  });
});
