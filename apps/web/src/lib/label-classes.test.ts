import { describe, expect, it } from 'vitest';
import { classesForValues, withClassesAdded } from './label-classes.ts';

const VERSION_1 = [
  { name: 'question', definition: 'Asks how to do something' },
  { name: 'complaint', definition: 'Reports something that went wrong' },
  { name: 'praise', definition: null },
  { name: 'spam', definition: 'Not from a customer' },
];

describe('classesForValues', () => {
  // A new file without "spam" kept the class (and the pre-score's error about it) with no way to remove it.
  it('drops a class the new file lacks and keeps the definitions of those it has', () => {
    expect(classesForValues(['complaint', 'question', 'praise'], VERSION_1)).toEqual([
      { name: 'complaint', definition: 'Reports something that went wrong' },
      { name: 'question', definition: 'Asks how to do something' },
      { name: 'praise', definition: null },
    ]);
  });

  it('adds the values the declared classes lack, undefined', () => {
    expect(classesForValues(['question', 'feature request'], VERSION_1)).toEqual([
      { name: 'question', definition: 'Asks how to do something' },
      { name: 'feature request', definition: null },
    ]);
  });

  // Switching the label column away and back emptied every definition.
  it('takes a definition from the first known class of that name that has one', () => {
    const remembered = [{ name: 'praise', definition: 'Thanks us' }];
    expect(classesForValues(['praise', 'spam'], [...VERSION_1, ...remembered])).toEqual([
      { name: 'praise', definition: 'Thanks us' },
      { name: 'spam', definition: 'Not from a customer' },
    ]);
  });

  it('is empty for a column without values, and names each value once', () => {
    expect(classesForValues([], VERSION_1)).toEqual([]);
    expect(classesForValues(['a', 'a'], [])).toEqual([{ name: 'a', definition: null }]);
  });
});

describe('withClassesAdded', () => {
  it('appends the values not declared, defined as known, and leaves the declared ones as they are', () => {
    const declared = [{ name: 'question', definition: null }];
    expect(withClassesAdded(declared, ['question', 'spam', 'other'], VERSION_1)).toEqual([
      { name: 'question', definition: null },
      { name: 'spam', definition: 'Not from a customer' },
      { name: 'other', definition: null },
    ]);
  });
});
