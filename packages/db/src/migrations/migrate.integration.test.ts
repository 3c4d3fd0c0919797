import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../client.ts";
import { type TestDatabase, testTargets } from "../testing/index.ts";
import { loadMigrations, migrate, MigrationChecksumError } from "./migrate.ts";

describe.each(testTargets())("migrate ($name)", (target) => {
  const opened: TestDatabase[] = [];
  afterEach(async () => {
    while (opened.length) await opened.pop()?.dispose();
  });

  it("applies every migration once, in order, and nothing the second time", async () => {
    const t = await target.create({ migrate: false });
    opened.push(t);
    const names = loadMigrations().map((m) => m.name);
    expect(await migrate(t.db)).toEqual(names);
    expect(await migrate(t.db)).toEqual([]);
    const sql = await t.db.executor();
    const rows = await sql.query<{ name: string }>(`SELECT name FROM "_terminvergabe_migrations" ORDER BY name`);
    await sql.release();
    expect(rows.map((r) => r.name)).toEqual(names);
  });

  it("refuses an applied migration whose file changed", async () => {
    const t = await target.create();
    opened.push(t);
    const changed = loadMigrations().map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
    await expect(migrate(t.db, changed)).rejects.toBeInstanceOf(MigrationChecksumError);
  });

  it("rolls back a failing migration completely", async () => {
    const t = await target.create();
    opened.push(t);
    const broken = [
      ...loadMigrations(),
      { name: "9999_broken", checksum: "x", sql: `CREATE TABLE "Half" (id int); SELECT * FROM "DoesNotExist";` },
    ];
    await expect(migrate(t.db, broken)).rejects.toThrow(/9999_broken/);
    const sql = await t.db.executor();
    const half = await sql.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'Half'`);
    const recorded = await sql.query(`SELECT 1 FROM "_terminvergabe_migrations" WHERE name = '9999_broken'`);
    await sql.release();
    expect(half).toHaveLength(0);
    expect(recorded).toHaveLength(0);
  });
});

// Several instances against one PostgreSQL; PGlite allows only one process per directory.
describe.each(testTargets().filter((t) => t.name === "postgres"))("concurrent start-up ($name)", (target) => {
  it("is safe when several instances migrate at once: each migration applied exactly once", async () => {
    const t = await target.create({ migrate: false });
    const others = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: t.url })));
    try {
      const results = await Promise.all([t.db, ...others].map((db) => migrate(db)));
      const applied = results.flat();
      expect(applied).toEqual(loadMigrations().map((m) => m.name));
    } finally {
      await Promise.all(others.map((db) => db.close()));
      await t.dispose();
    }
  });
});
