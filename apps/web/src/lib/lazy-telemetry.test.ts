import type { ClientEvent } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import { LazyTelemetry } from './lazy-telemetry.ts';
import { Telemetry } from './telemetry.ts';

describe('LazyTelemetry', () => {
  it('keeps the time and order of events recorded while its queue loads, drops invalid ones, then sends them', async () => {
    const sent: ClientEvent[][] = [];
    let finishLoading = () => {};
    const loaded = new Promise<void>((resolve) => {
      finishLoading = resolve;
    });
    const telemetry = new LazyTelemetry(
      async (events) => sent.push(events),
      () => loaded.then(() => ({ Telemetry })),
    );
    const stop = telemetry.start();
    telemetry.record('draft.started', { step: 0 });
    const before = new Date();
    telemetry.record('not.an.event' as ClientEvent['type']);
    telemetry.record('field.edited', { field: 'title' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    finishLoading();
    await telemetry.loaded;
    telemetry.record('submit.attempted');
    window.dispatchEvent(new Event('pagehide'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    stop();
    expect(sent.flat().map((e) => e.type)).toEqual(['draft.started', 'field.edited', 'submit.attempted']);
    expect(new Date(sent.flat()[1]?.at ?? 0).getTime()).toBeLessThanOrEqual(before.getTime() + 5);
  });

  it('tries to load again with the next event when loading failed (offline)', async () => {
    const sent: ClientEvent[][] = [];
    let attempts = 0;
    const telemetry = new LazyTelemetry(
      async (events) => sent.push(events),
      async () => {
        attempts += 1;
        if (attempts === 1) throw new TypeError('Failed to fetch dynamically imported module');
        return { Telemetry };
      },
    );
    const stop = telemetry.start();
    telemetry.record('draft.started', { step: 0 });
    await telemetry.loaded;
    telemetry.record('field.edited', { field: 'title' });
    await telemetry.loaded;
    window.dispatchEvent(new Event('pagehide'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    stop();
    expect(attempts).toBe(2);
    expect(sent.flat().map((e) => e.type)).toEqual(['draft.started', 'field.edited']);
  });
});
