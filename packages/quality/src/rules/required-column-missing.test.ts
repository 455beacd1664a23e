import { describe, expect, it } from 'vitest';
import { describeRule, scoreCase } from '../../test/rule-cases.ts';

describeRule('structure.required-column-missing', [
  {
    name: 'good: requested column declared',
    options: { requirements: { requiredColumns: [{ name: 'text', type: 'string' }] } },
    isFound: false,
  },
  {
    name: 'bad: requested column absent',
    options: { requirements: { requiredColumns: [{ name: 'channel', type: 'category' }] } },
    isFound: true,
  },
  {
    name: 'bad: requested column of another type',
    options: { requirements: { requiredColumns: [{ name: 'created', type: 'datetime' }] } },
    isFound: true,
  },
]);

describe('structure.required-column-missing hints', () => {
  it('asks for a column absent to be added, and one of another type to be declared as the type asked for', async () => {
    const report = await scoreCase({
      options: {
        requirements: {
          requiredColumns: [
            { name: 'channel', type: 'category' },
            { name: 'created', type: 'datetime' },
          ],
        },
      },
    });
    const hints = report.findings
      .filter((f) => f.code === 'structure.required-column-missing')
      .map((f) => f.hint);
    expect(hints).toEqual([
      'Add the column to the file and the manifest with the requested name and type.',
      'Declare "created" as datetime if its values are of that type; the request takes no other.',
    ]);
  });
});
