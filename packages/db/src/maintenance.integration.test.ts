import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { autovacuumRunning, vacuumGrownTables } from "./maintenance.ts";
import { type TestDatabase, testTargets } from "./testing/index.ts";

const relpages = async (t: TestDatabase, table: string) =>
  Number((await t.db.sql.query<{ relpages: number }>(`SELECT relpages FROM pg_class WHERE relname = $1`, [table]))[0]?.relpages);

describe.each(testTargets())("table upkeep without autovacuum ($name)", (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await target.create();
  });
  afterAll(async () => t?.dispose());

  it("knows whether an autovacuum launcher runs (never on PGlite)", async () => {
    const running = await autovacuumRunning(t.db);
    if (t.db.kind === "pglite") expect(running).toBe(false);
    else expect(typeof running).toBe("boolean");
  });

  it("vacuums and analyzes a table that grew, then leaves it alone until it grows again", async () => {
    const tenant = await t.db.prisma.tenant.create({ data: { slug: "upkeep", name: { de: "Amt", en: "Office" } } });
    await vacuumGrownTables(t.db); // whatever the migrations and this tenant left due
    const rows = (n: number) =>
      t.db.sql.query(
        `INSERT INTO "AuditLog" ("tenantId", actor, action, "entityType", "entityId", data)
         SELECT $1::uuid, 'test', 'upkeep', 'Tenant', g::text, jsonb_build_object('pad', repeat('x', 200)) FROM generate_series(1, $2::int) g`,
        [tenant.id, n],
      );
    await rows(2_000);
    expect(await relpages(t, "AuditLog")).toBe(0); // grown, but the catalog still says empty
    expect(await vacuumGrownTables(t.db)).toContain("AuditLog");
    const pages = await relpages(t, "AuditLog");
    expect(pages).toBeGreaterThan(10);
    const [stats] = await t.db.sql.query<{ reltuples: number }>(`SELECT reltuples FROM pg_class WHERE relname = 'AuditLog'`, []);
    expect(Number(stats?.reltuples)).toBe(2_000);
    expect(await vacuumGrownTables(t.db)).not.toContain("AuditLog");
    await rows(20); // under 10 % more: not due yet
    expect(await vacuumGrownTables(t.db)).not.toContain("AuditLog");
    await rows(400);
    expect(await vacuumGrownTables(t.db)).toContain("AuditLog");
  });
});
