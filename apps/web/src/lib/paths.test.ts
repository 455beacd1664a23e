import { describe, expect, it } from 'vitest';
import { fieldId, getIn, setIn } from './paths.ts';

describe('manifest paths', () => {
  it('normalises bracket indexes to the same DOM id', () => {
    expect(fieldId('label.classes[1].definition')).toBe('field-label.classes.1.definition');
    expect(fieldId('label.classes.1.definition')).toBe('field-label.classes.1.definition');
  });

  it('reads nested values and missing ones as undefined', () => {
    const value = { provenance: { license: 'MIT' }, columns: [{ name: 'a' }] };
    expect(getIn(value, 'provenance.license')).toBe('MIT');
    expect(getIn(value, 'columns[0].name')).toBe('a');
    expect(getIn(value, 'context.population')).toBeUndefined();
  });

  it('writes without mutating and creates what is missing', () => {
    const value = { provenance: { license: 'MIT' }, columns: [{ name: 'a' }] };
    const next = setIn(value, 'columns.0.description', 'first');
    expect(next.columns[0]).toEqual({ name: 'a', description: 'first' });
    expect(value.columns[0]).toEqual({ name: 'a' });
    expect(next.provenance).toBe(value.provenance);
    expect(setIn({}, 'context.timeframe.start', '2025-01-01')).toEqual({
      context: { timeframe: { start: '2025-01-01' } },
    });
  });
});
