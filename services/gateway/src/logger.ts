/** Structured JSON-lines logger; one line per event, no personal data. */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  debug(event: string, fields?: Record<string, unknown>): void;
}

export function createLogger(level: "silent" | "info" | "debug"): Logger {
  const write = (severity: string, event: string, fields: Record<string, unknown> = {}) =>
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: severity, event, ...fields })}\n`);
  return {
    info: (event, fields) => level !== "silent" && write("info", event, fields),
    error: (event, fields) => level !== "silent" && write("error", event, fields),
    debug: (event, fields) => level === "debug" && write("debug", event, fields),
  };
}
