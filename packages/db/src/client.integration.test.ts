import { describe, expect, it } from "vitest";
import { createPostgresDatabase, testTargets } from "./testing/index.ts";
import { openDatabase } from "./client.ts";

describe.each(testTargets().filter((t) => t.name === "postgres"))("PostgreSQL connections ($name)", () => {
  it("survives the server ending idle connections and serves the next query", async () => {
    const created = await createPostgresDatabase(process.env.TEST_DATABASE_URL!);
    const db = await openDatabase({ databaseUrl: created.url, poolSize: 4 });
    try {
      await Promise.all([1, 2, 3].map(() => db.sql.query("SELECT 1")));
      const admin = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL!, poolSize: 1 });
      const [{ terminated }] = (await admin.sql.query<{ terminated: number }>(
        `SELECT count(*)::int AS terminated FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid()) t`,
        [new URL(created.url).pathname.slice(1)],
      )) as [{ terminated: number }];
      await admin.close();
      expect(terminated).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 200));
      expect(await db.sql.query<{ one: number }>("SELECT 1 AS one")).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
      await created.drop();
    }
  });
});
