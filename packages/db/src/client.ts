import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { lockDataDir } from "./data-dir-lock.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import type { SqlClient, SqlExecutor } from "./sql-executor.ts";

export type DatabaseKind = "pglite" | "postgres";

export interface DatabaseConfig {
  /** `postgres://…` selects PostgreSQL; unset selects embedded PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite data directory (default `./data`); `":memory:"` keeps it in memory (tests). */
  dataDir?: string | undefined;
  /** Connection pool size for PostgreSQL (default 10). */
  poolSize?: number | undefined;
  /**
   * PostgreSQL: longest wait for a lock (default 5 s) and longest statement (default 30 s)
   * on pooled connections. A request never waits unboundedly behind another, and a
   * connection is never held hostage by a wait chain. Migrations and scripts use
   * `executor()`, which has neither bound.
   */
  lockTimeoutMs?: number | undefined;
  statementTimeoutMs?: number | undefined;
}

/** An open database: the Prisma client for repositories plus a driver-level port. */
export interface Database {
  readonly kind: DatabaseKind;
  /** Human-readable target, without credentials, for logs. */
  readonly description: string;
  readonly prisma: PrismaClient;
  /** Direct driver queries for hot paths (one round trip, no ORM overhead). */
  readonly sql: SqlClient;
  /**
   * Runs `work` in one transaction on one connection; rolls back when it throws.
   * `prelude` is SQL without parameters sent in the same round trip as BEGIN (e.g. advisory
   * locks on numeric keys); it must never contain user input.
   */
  transaction<T>(work: (sql: SqlClient) => Promise<T>, options?: { prelude?: string }): Promise<T>;
  /** A dedicated connection for scripts and session-level locks; release it after use. */
  executor(): Promise<SqlExecutor>;
  /** Liveness of the connection, for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "PostgreSQL";
  }
}

/** How long /readyz waits for the database before saying "not ready". */
const PING_TIMEOUT_MS = 2_000;

async function openPostgres(url: string, config: DatabaseConfig): Promise<Database> {
  // adapter-pg sends and reads DateTime values as timestamps without a zone: pin the
  // session to UTC so instants are stored unshifted whatever the server's TimeZone.
  const options = "-c TimeZone=UTC";
  const bounds = [
    `-c lock_timeout=${config.lockTimeoutMs ?? 5_000}`,
    `-c statement_timeout=${config.statementTimeoutMs ?? 30_000}`,
    // A transaction left open by a crashed request must not keep its locks for long.
    "-c idle_in_transaction_session_timeout=60000",
  ].join(" ");
  const pool = new pg.Pool({ connectionString: url, max: config.poolSize ?? 10, options: `${options} ${bounds}` });
  const pinger = new Pinger(url, options);
  // An idle connection the server ends (restart, failover, a dropped test database)
  // surfaces as a pool 'error' event; unhandled it would crash the process. The pool
  // discards that connection and the next query opens a fresh one.
  pool.on("error", () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgres",
    description: describeUrl(url),
    prisma,
    sql: {
      async query(text, params, name) {
        return (await pool.query({ text, values: params as unknown[], ...(name ? { name } : {}) })).rows;
      },
    },
    async transaction(work, options) {
      const client = await pool.connect();
      let result: Awaited<ReturnType<typeof work>>;
      try {
        await client.query(options?.prelude ? `BEGIN; ${options.prelude}` : "BEGIN");
        result = await work({
          query: async (text, params, name) =>
            (await client.query({ text, values: params as unknown[], ...(name ? { name } : {}) })).rows,
        });
        await client.query("COMMIT");
      } catch (error) {
        // A connection whose ROLLBACK fails is in an unknown state: destroy it rather
        // than hand it to the next request.
        const broken = await client.query("ROLLBACK").then(
          () => undefined,
          (rollbackError: unknown) => rollbackError as Error,
        );
        client.release(broken ?? undefined);
        throw error;
      }
      client.release();
      return result;
    },
    async executor() {
      const client = new pg.Client({ connectionString: url, options });
      client.on("error", () => undefined); // reported to the running query instead
      await client.connect();
      return {
        async exec(sql) {
          await client.query(sql);
        },
        async query(sql, params) {
          return (await client.query(sql, params as unknown[])).rows;
        },
        async release() {
          await client.end();
        },
      };
    },
    ping: () => pinger.ping(),
    async close() {
      await pinger.close();
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

/**
 * Readiness on a connection of its own: when every pooled connection is busy (a rush, a
 * lock queue), /readyz still answers at once whether the database itself is reachable.
 */
class Pinger {
  private client: pg.Client | null = null;
  constructor(
    private readonly url: string,
    private readonly options: string,
  ) {}

  async ping(): Promise<void> {
    try {
      if (!this.client) {
        const client = new pg.Client({
          connectionString: this.url,
          options: this.options,
          connectionTimeoutMillis: PING_TIMEOUT_MS,
          query_timeout: PING_TIMEOUT_MS,
        });
        client.on("error", () => undefined); // surfaces at the next ping
        this.client = client;
        await client.connect();
      }
      await this.client.query("SELECT 1");
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir === ":memory:";
  let unlock = () => {};
  if (!inMemory) {
    const absolute = path.resolve(dataDir);
    mkdirSync(absolute, { recursive: true });
    unlock = lockDataDir(absolute);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(inMemory ? {} : { dataDir: path.resolve(dataDir, "pgdata") }),
      extensions: { btree_gist },
    });
  } catch (error) {
    unlock();
    throw error;
  }
  // pglite-prisma-adapter 0.6 is typed against driver-adapter-utils 6.10 (structurally
  // the same protocol at run time as 6.19's; see shared/STACK.md), hence the cast.
  const adapter = new PrismaPGlite(pglite) as unknown as PrismaPg;
  const prisma = new PrismaClient({ adapter });
  // PGlite is one in-process connection: the "dedicated" executor shares it.
  const executor: SqlExecutor = {
    async exec(sql) {
      await pglite.exec(sql);
    },
    async query(sql, params) {
      return (await pglite.query(sql, params)).rows as never[];
    },
    async release() {},
  };
  return {
    kind: "pglite",
    description: inMemory ? "PGlite (in memory)" : `PGlite ${path.resolve(dataDir)}`,
    prisma,
    sql: {
      async query(text, params) {
        return (await pglite.query(text, params)).rows as never[];
      },
    },
    transaction(work, options) {
      return pglite.transaction(async (tx) => {
        if (options?.prelude) await tx.exec(options.prelude);
        return work({ query: async (text, params) => (await tx.query(text, params)).rows as never[] });
      });
    },
    async executor() {
      return executor;
    },
    async ping() {
      await pglite.query("SELECT 1");
    },
    async close() {
      try {
        await prisma.$disconnect();
        if (!pglite.closed) await pglite.close();
      } finally {
        unlock();
      }
    },
  };
}

/** Opens PostgreSQL when `databaseUrl` is set, else embedded PGlite. */
export async function openDatabase(config: DatabaseConfig = {}): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config);
  return openPglite(config.dataDir ?? "./data");
}
