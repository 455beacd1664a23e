import { createContext, type ReactNode, useContext, useEffect, useMemo } from 'react';
import { Telemetry, type TelemetryOptions } from './telemetry.ts';

const TelemetryContext = createContext<Telemetry | null>(null);

/** Starts one telemetry queue for the app. */
export function TelemetryProvider({
  send,
  children,
}: {
  send: TelemetryOptions['send'];
  children: ReactNode;
}) {
  const telemetry = useMemo(() => new Telemetry({ send }), [send]);
  useEffect(() => telemetry.start(), [telemetry]);
  return <TelemetryContext.Provider value={telemetry}>{children}</TelemetryContext.Provider>;
}

const noop = { record: () => {} } as unknown as Telemetry;

/** The app's telemetry queue (a no-op outside the provider, e.g. in component tests). */
export function useTelemetry(): Pick<Telemetry, 'record'> {
  return useContext(TelemetryContext) ?? noop;
}
