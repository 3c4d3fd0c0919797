/** SQLSTATE codes the application reacts to. */
export const SqlState = {
  uniqueViolation: "23505",
  exclusionViolation: "23P01",
  foreignKeyViolation: "23503",
  checkViolation: "23514",
  serializationFailure: "40001",
  deadlockDetected: "40P01",
  /** lock_timeout passed while waiting for a lock. */
  lockNotAvailable: "55P03",
  /** statement_timeout passed (or the statement was cancelled). */
  queryCanceled: "57014",
} as const;

/**
 * Errors that say "another transaction was in the way", not "this write is wrong": a
 * deadlock, a serialization failure or a lock wait that timed out. The statement had no
 * effect, so running it again is safe.
 */
export function isContention(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state === SqlState.deadlockDetected || state === SqlState.serializationFailure || state === SqlState.lockNotAvailable;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;
/** Prisma's own error codes (P1xxx–P6xxx) share the shape; PostgreSQL only uses P0xxx. */
const PRISMA_CODE = /^P[1-9][0-9]{3}$/;

/**
 * Reads the PostgreSQL SQLSTATE from any error shape the stack produces:
 * pg / PGlite errors (`code`), Prisma driver-adapter errors (`cause.code`,
 * `cause.originalCode`), P2010 raw-query errors (`meta.driverAdapterError.cause.code`)
 * and wrapped causes. Returns undefined when the error carries none.
 */
export function sqlStateOf(error: unknown, depth = 0): string | undefined {
  if (error === null || typeof error !== "object" || depth > 6) return undefined;
  const e = error as Record<string, unknown>;
  for (const key of ["originalCode", "code", "sqlState"]) {
    const value = e[key];
    if (typeof value === "string" && SQLSTATE.test(value) && !PRISMA_CODE.test(value)) return value;
  }
  const meta = e.meta as Record<string, unknown> | undefined;
  return (
    sqlStateOf(e.cause, depth + 1) ??
    sqlStateOf(meta?.driverAdapterError, depth + 1) ??
    sqlStateOf(meta, depth + 1)
  );
}

/** The name of the violated constraint, where the error shape carries it. */
export function constraintOf(error: unknown, depth = 0): string | undefined {
  if (error === null || typeof error !== "object" || depth > 6) return undefined;
  const e = error as Record<string, unknown>;
  if (typeof e.constraint === "string") return e.constraint;
  const kind = e.kind as string | undefined;
  if (kind && typeof (e as { constraint?: { index?: string } }).constraint === "object") {
    const c = e.constraint as { index?: string; name?: string };
    return c.index ?? c.name;
  }
  const meta = e.meta as Record<string, unknown> | undefined;
  const fromMessage = typeof e.message === "string" ? /constraint "([^"]+)"/.exec(e.message)?.[1] : undefined;
  return constraintOf(e.cause, depth + 1) ?? constraintOf(meta?.driverAdapterError, depth + 1) ?? fromMessage;
}
