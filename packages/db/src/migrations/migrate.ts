import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "../client.ts";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));
const MIGRATIONS_TABLE = "_terminvergabe_migrations";
/** Arbitrary constant key of the session-level advisory lock that serialises start-ups. */
const MIGRATION_LOCK_KEY = 727_274_001;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationChecksumError extends Error {
  constructor(readonly migration: string) {
    super(
      `Migration ${migration} was changed after it had been applied to this database. ` +
        `Applied migrations are immutable: add a new migration instead.`,
    );
    this.name = "MigrationChecksumError";
  }
}

/** Reads `prisma/migrations/<name>/migration.sql` in name order. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * Applies pending migrations in order, each in its own transaction, recording a
 * checksum. A session-level advisory lock makes concurrent start-ups of several
 * instances safe: the second waits, then finds nothing left to do.
 * @returns the names of the migrations applied by this call.
 */
export async function migrate(db: Database, migrations: Migration[] = loadMigrations()): Promise<string[]> {
  const sql = await db.executor();
  try {
    await sql.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await sql.exec(
        `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (
           name text PRIMARY KEY,
           checksum text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const rows = await sql.query<{ name: string; checksum: string }>(
        `SELECT name, checksum FROM "${MIGRATIONS_TABLE}"`,
      );
      const applied = new Map(rows.map((row) => [row.name, row.checksum]));
      const done: string[] = [];
      for (const migration of migrations) {
        const checksum = applied.get(migration.name);
        if (checksum !== undefined) {
          if (checksum !== migration.checksum) throw new MigrationChecksumError(migration.name);
          continue;
        }
        try {
          await sql.exec(`BEGIN;\n${migration.sql}\n;`);
          await sql.query(`INSERT INTO "${MIGRATIONS_TABLE}" (name, checksum) VALUES ($1, $2)`, [
            migration.name,
            migration.checksum,
          ]);
          await sql.exec("COMMIT");
        } catch (error) {
          await sql.exec("ROLLBACK").catch(() => undefined);
          throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
        }
        done.push(migration.name);
      }
      return done;
    } finally {
      await sql.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await sql.release();
  }
}
