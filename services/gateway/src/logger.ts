import { pino } from "pino";

/** Structured JSON-lines logger (pino); one line per event, no personal data. */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  debug(event: string, fields?: Record<string, unknown>): void;
}

/**
 * An error as log fields on one line: the stack's frames joined with " | ", so a
 * multi-line stack trace never reaches stdout (log collectors read one event per line).
 */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    error: error.name,
    message: error.message,
    ...(code === undefined ? {} : { code }),
    stack: error.stack?.split("\n").slice(1, 9).map((line) => line.trim()).join(" | "),
  };
}

/** `destination` defaults to stdout; tests pass a stream to read the lines. */
export function createLogger(level: "silent" | "info" | "debug", destination?: pino.DestinationStream): Logger {
  const base = pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
  return {
    info: (event, fields) => base.info({ event, ...fields }),
    error: (event, fields) => base.error({ event, ...fields }),
    debug: (event, fields) => base.debug({ event, ...fields }),
  };
}
