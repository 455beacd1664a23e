import type { ClientEvent } from '@assay/schema';
import { describe, expect, it, vi } from 'vitest';
import { Telemetry } from './telemetry.ts';

const at = () => new Date('2026-01-01T00:00:00Z');

describe('Telemetry', () => {
  it('sends queued events in one batch', async () => {
    const sent: ClientEvent[][] = [];
    const telemetry = new Telemetry({ send: async (events) => sent.push(events), now: at });
    telemetry.record('draft.started', { step: 0 });
    telemetry.record('field.edited', { field: 'title' });
    await telemetry.flush();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.map((e) => e.type)).toEqual(['draft.started', 'field.edited']);
    expect(telemetry.pending).toBe(0);
  });

  it('splits more than 100 events into batches of at most 100', async () => {
    const sizes: number[] = [];
    const telemetry = new Telemetry({ send: async (events) => sizes.push(events.length), now: at });
    for (let i = 0; i < 250; i++) telemetry.record('finding.shown', { code: `c${i}` });
    await telemetry.flush();
    expect(sizes).toEqual([100, 100, 50]);
  });

  it('retries a failed batch once, then drops it silently', async () => {
    const send = vi.fn().mockRejectedValue(new TypeError('Failed to fetch'));
    const telemetry = new Telemetry({ send, now: at });
    telemetry.record('submit.attempted');
    await expect(telemetry.flush()).resolves.toBeUndefined();
    expect(telemetry.pending).toBe(1);
    await telemetry.flush();
    expect(telemetry.pending).toBe(0);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('drops an event the schema rejects instead of throwing into the interface', () => {
    const telemetry = new Telemetry({ send: async () => {}, now: at });
    // @ts-expect-error an unknown event type, as a bug elsewhere might produce
    telemetry.record('not.an.event');
    telemetry.record('field.edited', { field: 'x'.repeat(600) });
    expect(telemetry.pending).toBe(0);
  });

  it('keeps at most maxQueued events while the server is unreachable', () => {
    const telemetry = new Telemetry({ send: async () => {}, now: at, maxQueued: 3 });
    for (let i = 0; i < 5; i++) telemetry.record('field.edited', { field: `f${i}` });
    expect(telemetry.pending).toBe(3);
  });
});
