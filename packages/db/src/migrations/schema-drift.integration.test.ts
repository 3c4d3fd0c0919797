import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../client.ts";
import { catalogSnapshot, type CatalogSnapshot } from "./catalog-snapshot.ts";
import { HAND_WRITTEN_CONSTRAINTS, HAND_WRITTEN_EXTENSIONS, HAND_WRITTEN_FUNCTIONS, HAND_WRITTEN_INDEXES, HAND_WRITTEN_TRIGGERS } from "./hand-written.ts";
import { migrate } from "./migrate.ts";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));

/** What schema.prisma describes, as SQL, straight from the Prisma CLI (no database needed). */
function sqlFromSchema(): string {
  return execFileSync(
    "npx",
    ["prisma", "migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    { cwd: packageDir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
}

describe("migrations agree with schema.prisma", () => {
  let fromMigrations: Database;
  let fromSchema: Database;
  let migrated: CatalogSnapshot;
  let described: CatalogSnapshot;

  beforeAll(async () => {
    [fromMigrations, fromSchema] = await Promise.all([
      openDatabase({ dataDir: ":memory:" }),
      openDatabase({ dataDir: ":memory:" }),
    ]);
    await migrate(fromMigrations);
    const sql = await fromSchema.executor();
    await sql.exec(sqlFromSchema());
    described = await catalogSnapshot(sql);
    migrated = await catalogSnapshot(await fromMigrations.executor(), ["_terminvergabe_migrations"]);
  });
  afterAll(async () => {
    await fromMigrations?.close();
    await fromSchema?.close();
  });

  it("has the same columns, enums and indexes", () => {
    expect(described.columns.length).toBeGreaterThan(100);
    expect(migrated.columns).toEqual(described.columns);
    expect(migrated.enums).toEqual(described.enums);
    const isHandWritten = (def: string) => [...HAND_WRITTEN_CONSTRAINTS, ...HAND_WRITTEN_INDEXES].some((name) => def.includes(`"${name}"`));
    expect(migrated.indexes.filter((def) => !isHandWritten(def))).toEqual(described.indexes);
    expect(migrated.indexes.join("\n")).toMatch(/"MailOutbox_due_idx" ON public\."MailOutbox" USING btree \("nextAttemptAt", "createdAt", id\) WHERE \(status = 'PENDING'::"MailStatus"\)/);
  });

  it("has the same constraints plus exactly the hand-written ones", () => {
    const isHandWritten = (c: string) => HAND_WRITTEN_CONSTRAINTS.some((name) => c.includes(`.${name}:`));
    expect(migrated.constraints.filter((c) => !isHandWritten(c))).toEqual(described.constraints);
    expect(migrated.constraints.filter(isHandWritten)).toHaveLength(HAND_WRITTEN_CONSTRAINTS.length);
    expect(migrated.constraints.join("\n")).toMatch(/Booking_no_overlap: EXCLUDE USING gist/);
  });

  it("adds only the listed extensions and functions", () => {
    expect(migrated.extensions.filter((e) => !described.extensions.includes(e))).toEqual([...HAND_WRITTEN_EXTENSIONS]);
    expect(described.functions).toEqual([]);
    expect(migrated.functions).toEqual([...HAND_WRITTEN_FUNCTIONS]);
    expect(described.triggers).toEqual([]);
    expect(migrated.triggers).toEqual([...HAND_WRITTEN_TRIGGERS]);
  });
});
