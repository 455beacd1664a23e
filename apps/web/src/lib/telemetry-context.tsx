import { createContext, type ReactNode, useContext, useEffect, useMemo } from 'react';
import { LazyTelemetry } from './lazy-telemetry.ts';
import type { Telemetry, TelemetryOptions } from './telemetry.ts';

const TelemetryContext = createContext<LazyTelemetry | null>(null);

/** Starts one telemetry queue for the app (its code loads with the first event). */
export function TelemetryProvider({
  send,
  children,
}: {
  send: TelemetryOptions['send'];
  children: ReactNode;
}) {
  const telemetry = useMemo(() => new LazyTelemetry(send), [send]);
  useEffect(() => telemetry.start(), [telemetry]);
  return <TelemetryContext.Provider value={telemetry}>{children}</TelemetryContext.Provider>;
}

const noop: Pick<Telemetry, 'record'> = { record: () => {} };

/** The app's telemetry queue (a no-op outside the provider, e.g. in component tests). */
export function useTelemetry(): Pick<Telemetry, 'record'> {
  return useContext(TelemetryContext) ?? noop;
}
