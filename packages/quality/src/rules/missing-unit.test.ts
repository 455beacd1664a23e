import { describe, expect, it } from 'vitest';
import { describeRule, INT_MANIFEST } from '../../test/rule-cases.ts';
import { nameWords } from './missing-unit.ts';

describeRule('context.missing-unit', [
  {
    name: 'good: unit given',
    csv: 'price,y\n1.5,1\n2,2\n',
    manifest: () => ({
      ...INT_MANIFEST,
      columns: [
        { name: 'price', type: 'number', unit: 'EUR' },
        { name: 'y', type: 'number', description: 'A score' },
      ],
    }),
    isFound: false,
  },
  {
    name: 'bad: no unit',
    csv: 'price,y\n1.5,1\n2,2\n',
    manifest: () => ({
      ...INT_MANIFEST,
      columns: [
        { name: 'price', type: 'number' },
        { name: 'y', type: 'number', description: 'A score' },
      ],
    }),
    isFound: true,
  },
  {
    name: 'good: snake_case and camelCase identifiers, a count and a card number need no unit',
    csv: 'customer_id,orderNo,card_number,retweetCount,zip\n1,2,4111111111111111,3,10115\n',
    manifest: () => ({
      ...INT_MANIFEST,
      columns: [
        { name: 'customer_id', type: 'integer' },
        { name: 'orderNo', type: 'integer' },
        { name: 'card_number', type: 'integer' },
        { name: 'retweetCount', type: 'integer' },
        { name: 'zip', type: 'integer' },
      ],
    }),
    isFound: false,
  },
  {
    name: 'bad: a measurement whose name only contains such letters (idle_time, weight_kgs)',
    csv: 'idle_time,notice\n1.5,2\n',
    manifest: () => ({
      ...INT_MANIFEST,
      columns: [
        { name: 'idle_time', type: 'number' },
        { name: 'notice', type: 'number' },
      ],
    }),
    isFound: true,
  },
]);

describe('nameWords', () => {
  it('splits names at separators and case changes', () => {
    expect(nameWords('customer_id')).toEqual(['customer', 'id']);
    expect(nameWords('orderNo')).toEqual(['order', 'no']);
    expect(nameWords('Card-Number 2')).toEqual(['card', 'number', '2']);
    expect(nameWords('idle_time')).toEqual(['idle', 'time']);
  });
});
