import { expect, it } from 'vitest';
import { scoreCase } from './rule-cases.ts';

it('good case is clean', async () => {
  const r = await scoreCase({});
  expect(r.findings).toEqual([]);
  expect(r.scores.overall).toBe(100);
});
