import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, openDatabase } from "../client.ts";
import { migrate } from "../migrations/migrate.ts";

export interface TestTarget {
  name: "pglite" | "postgres";
  /** Opens a fresh, empty, migrated database; `dispose` drops it. */
  create(options?: { migrate?: boolean; poolSize?: number }): Promise<TestDatabase>;
}

export interface TestDatabase {
  db: Database;
  /** Connection URL for PostgreSQL targets (for second processes); undefined on PGlite. */
  url: string | undefined;
  dispose(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates a uniquely named PostgreSQL database next to TEST_DATABASE_URL's. */
export async function createPostgresDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tv_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await admin(baseUrl, `CREATE DATABASE ${name}`);
  return {
    url: withDatabase(baseUrl, name),
    drop: () => admin(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

const pgliteTarget: TestTarget = {
  name: "pglite",
  async create(options = {}) {
    const db = await openDatabase({ dataDir: ":memory:" });
    if (options.migrate !== false) await migrate(db);
    return { db, url: undefined, dispose: () => db.close() };
  },
};

function postgresTarget(baseUrl: string): TestTarget {
  return {
    name: "postgres",
    async create(options = {}) {
      const created = await createPostgresDatabase(baseUrl);
      const db = await openDatabase({ databaseUrl: created.url, poolSize: options.poolSize ?? 10 });
      if (options.migrate !== false) await migrate(db);
      return {
        db,
        url: created.url,
        async dispose() {
          await db.close();
          await created.drop();
        },
      };
    },
  };
}

/**
 * Database targets for integration tests: embedded PGlite always, real PostgreSQL
 * when TEST_DATABASE_URL is set (CI always sets it).
 */
export function testTargets(): TestTarget[] {
  const url = process.env.TEST_DATABASE_URL;
  return url ? [pgliteTarget, postgresTarget(url)] : [pgliteTarget];
}

export function postgresTestTarget(): TestTarget | undefined {
  const url = process.env.TEST_DATABASE_URL;
  return url ? postgresTarget(url) : undefined;
}
