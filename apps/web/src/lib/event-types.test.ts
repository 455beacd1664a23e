import { EventTypeSchema } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPE_GROUPS, EVENT_TYPE_LABELS, eventLabel, filterEventTypes } from './event-types.ts';

const search = (text: string) =>
  filterEventTypes({ options: EVENT_TYPE_GROUPS, search: text, limit: Number.POSITIVE_INFINITY }).map(
    (item) =>
      'group' in item ? { group: item.group, values: item.items.map((option) => option.value) } : item,
  );

describe('event types in words', () => {
  it('names each type once, and offers each type in one group', () => {
    const labels = Object.values(EVENT_TYPE_LABELS);
    expect(new Set(labels).size).toBe(labels.length);
    const offered = EVENT_TYPE_GROUPS.flatMap((group) => group.items.map((item) => item.value));
    expect(offered.sort()).toEqual([...EventTypeSchema.options].sort());
  });

  it("tells a file's two records apart: chosen in the browser, stored by the server", () => {
    const attached = (props: Record<string, unknown>) => eventLabel({ type: 'file.attached', props });
    expect(attached({ bytes: 10, type: 'text/csv' })).toBe('File chosen');
    expect(attached({ size: 10, format: 'csv', source: 'server' })).toBe('File uploaded');
    expect(eventLabel({ type: 'version.decided', props: {} })).toBe('Decided');
    expect(eventLabel({ type: 'version.withdrawn', props: { fromState: 'draft' } })).toBe('Draft discarded');
    expect(eventLabel({ type: 'version.withdrawn', props: { fromState: 'in_review' } })).toBe(
      'Version withdrawn',
    );
  });

  it('finds a type by its words or by its code, in either case', () => {
    expect(search('decided')).toEqual([
      { group: "In contributors' browsers", values: [] },
      { group: 'On the server', values: ['version.decided'] },
    ]);
    expect(search('version.in_')).toEqual([
      { group: "In contributors' browsers", values: [] },
      { group: 'On the server', values: ['version.in_review'] },
    ]);
    expect(search('  Pre-Score ')).toEqual([
      { group: "In contributors' browsers", values: ['prescore.seen'] },
      { group: 'On the server', values: [] },
    ]);
  });
});
