import type { Database } from "./client.ts";

/**
 * Table upkeep for databases where PostgreSQL's autovacuum does not run: embedded PGlite
 * (one process, no background workers) and servers configured with `autovacuum = off`.
 *
 * Without it, planner statistics are never refreshed. A prepared statement's plan, chosen
 * while a table was nearly empty, then stays for the connection's lifetime: this project
 * saw the foreign-key check on "Booking" and the person lookup scan a whole tenant's
 * bookings through an unrelated index, getting slower with every booking. Dead row
 * versions are never reclaimed either.
 */

/** Whether an autovacuum launcher serves this database (false on PGlite and with `autovacuum = off`). */
export async function autovacuumRunning(db: Database): Promise<boolean> {
  const [row] = await db.sql.query<{ running: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE backend_type = 'autovacuum launcher') AS running`,
    [],
  );
  return Boolean(row?.running);
}

/**
 * A table is due when it has grown by more than `scale` of its size at its last VACUUM or
 * ANALYZE plus `minPages` pages (autovacuum's own rule is 10 % plus 50 rows). Pages, not
 * row counts: PGlite keeps no row statistics between statements, and a table's size is
 * always at hand.
 */
export interface UpkeepRule {
  scale: number;
  minPages: number;
}

export const DEFAULT_UPKEEP: UpkeepRule = { scale: 0.1, minPages: 4 };

/**
 * Runs `VACUUM (ANALYZE)` on the tables of the current schema that are due, skipping a
 * table another instance is vacuuming right now. ANALYZE makes every connection plan its
 * statements on that table afresh.
 * @returns the names of the tables vacuumed.
 */
export async function vacuumGrownTables(db: Database, rule: UpkeepRule = DEFAULT_UPKEEP): Promise<string[]> {
  const due = await db.sql.query<{ name: string }>(
    `SELECT c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r'
        AND pg_relation_size(c.oid) / current_setting('block_size')::int > greatest(c.relpages, 0) * (1 + $1::float8) + $2::int
      ORDER BY c.relname`,
    [rule.scale, rule.minPages],
  );
  for (const { name } of due) {
    // Names come from the catalog; quoting keeps mixed case ("Booking") intact.
    await db.sql.query(`VACUUM (ANALYZE, SKIP_LOCKED) "${name.replaceAll('"', '""')}"`, []);
  }
  return due.map((t) => t.name);
}
