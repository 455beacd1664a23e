import pino from 'pino';

/** Structured JSON logs on stdout (or `destination`: tests read the lines). */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  return pino({ level, base: { service: 'assay' } }, destination);
}
export type Logger = ReturnType<typeof createLogger>;
