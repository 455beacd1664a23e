import pino from 'pino';

/** Structured JSON logs on stdout (or `destination`: tests read the lines). */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  return pino({ level, base: { service: 'assay' } }, destination);
}
export type Logger = ReturnType<typeof createLogger>;

/**
 * An error as a log line carries it: its message, code and stack. Drivers' errors carry their connection
 * (pg's: 3.6 kB a line, with its parameters and the backend's cancellation key), which stays out.
 */
export function errorFields(error: Error & { code?: unknown }) {
  return { message: error.message, code: error.code, stack: error.stack };
}
