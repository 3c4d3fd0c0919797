/**
 * A minimal driver-level SQL port, used where Prisma's prepared statements do not fit:
 * multi-statement migration scripts and session-level advisory locks.
 */
export interface SqlExecutor {
  /** Runs a script of one or more statements (simple protocol, no parameters). */
  exec(sql: string): Promise<void>;
  /** Runs one parameterised statement and returns its rows. */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Releases what the executor holds (a pooled connection, not the database). */
  release(): Promise<void>;
}

/** Parameterised queries on the connection pool (no Prisma in between: the hot path). */
export interface SqlClient {
  /**
   * Runs one statement. A `name` makes it a prepared statement on PostgreSQL (planned once
   * per connection, for hot statements whose text never changes); PGlite ignores it.
   */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[], name?: string): Promise<R[]>;
}
