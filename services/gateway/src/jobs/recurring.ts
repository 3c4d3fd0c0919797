import { Cron } from "croner";

/**
 * A recurring job's schedule. Every instance computes the same next occurrence and
 * enqueues it under the same key, so the queue's unique key lets exactly one copy exist —
 * and run. Expressions are read in UTC: instances in different time zones must agree on
 * the occurrence (and so on the key).
 */
export interface Recurrence {
  kind: string;
  expression: string;
  /** The first occurrence strictly after `now`, or null when there is none. */
  next(now: Date): Date | null;
}

export function recurrence(kind: string, expression: string): Recurrence {
  // Throws on an invalid expression: a configuration error surfaces at start-up.
  const cron = new Cron(expression, { timezone: "UTC" });
  return { kind, expression, next: (now) => cron.nextRun(now) };
}

/** The de-duplication key of one occurrence, e.g. `cron:hold-expiry:2030-05-01T10:00:05.000Z`. */
export function occurrenceKey(kind: string, at: Date): string {
  return `cron:${kind}:${at.toISOString()}`;
}

/**
 * Reads `JOB_CRON` overrides: `kind=expression` pairs separated by `;`, e.g.
 * `hold-expiry=*\/2 * * * * *;table-upkeep=off` ("off" disables a recurring job).
 */
export function parseCronOverrides(raw: string | undefined): Record<string, string | null> {
  const overrides: Record<string, string | null> = {};
  for (const part of (raw ?? "").split(";")) {
    if (!part.trim()) continue;
    const at = part.indexOf("=");
    if (at <= 0) throw new Error(`JOB_CRON: expected "kind=expression", got "${part.trim()}"`);
    const kind = part.slice(0, at).trim();
    const expression = part.slice(at + 1).trim();
    overrides[kind] = expression === "off" ? null : expression;
  }
  return overrides;
}
