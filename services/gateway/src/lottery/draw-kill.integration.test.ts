import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type DrawRecord, runDraw, secretBytes } from "@terminvergabe/core";
import { LotteryRepository } from "@terminvergabe/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTinyOffice, type TinyOffice } from "../../test/booking-fixture.ts";
import { createTestCampaign } from "../../test/campaign-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";
import { NODE_HASHES } from "./lottery-service.ts";

/**
 * Killing the process during the draw and restarting gives the same result, once
 * (PostgreSQL: a second process shares the database). 20,000 applications for 2,000 slots,
 * so the draw's transaction runs long enough to be caught: the child is SIGKILLed while
 * PostgreSQL shows it writing the ranks and offers.
 */
const child = fileURLToPath(new URL("../../test/draw-child.ts", import.meta.url));
const ENTRIES = 4_000;
const COUNTERS = 10;
const STARTS = 40;
const SLUG = "gross";

function runChild(env: Record<string, string>, args: string[]): { process: ChildProcess; output: () => string; exit: Promise<number | null> } {
  const p = spawn(process.execPath, ["--import", "tsx", child, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  p.stdout?.on("data", (c) => (output += c));
  p.stderr?.on("data", (c) => (output += c));
  return { process: p, output: () => output, exit: new Promise((resolve) => p.on("exit", (code) => resolve(code))) };
}

describe.each(testTargets().filter((t) => t.name === "postgres"))("a draw killed half-way ($name)", (target) => {
  let h: Harness;
  let o: TinyOffice;
  let campaignId: string;
  let now = new Date("2026-01-01T08:00:00Z");
  const sql = () => h.database.db.sql;
  const count = async (query: string, params: unknown[] = []) => (await sql().query<{ n: number }>(query, params))[0]!.n;

  beforeAll(async () => {
    h = await startHarness(target, { seedDemo: false }, { clock: () => now, jobs: false });
    o = await createTinyOffice(h.database.db, { slug: "gross", date: "2030-09-02", until: "10:00", counters: COUNTERS });
    const counters = await sql().query<{ id: string }>(`SELECT id::text AS id FROM "Counter" WHERE "tenantId" = $1::uuid ORDER BY name`, [o.tenantId]);
    const repository = new LotteryRepository(h.database.db);
    // The window and the draw lie in the past of the real clock the child process runs on.
    campaignId = await createTestCampaign(h.database.db, o, {
      slug: SLUG,
      name: { de: "Große Runde" },
      applicationOpensAt: new Date("2026-01-10T00:00:00Z"),
      applicationClosesAt: new Date("2026-02-01T00:00:00Z"),
      drawAt: new Date("2026-02-01T01:00:00Z"),
      periodFrom: "2030-09-02",
      periodTo: "2030-12-31",
      notifyBy: new Date("2026-02-10T00:00:00Z"),
    });
    const slots = counters.flatMap((c) =>
      Array.from({ length: STARTS }, (_, i) => {
        const start = new Date(Date.parse("2030-09-02T07:00:00Z") + i * 86_400_000 * 0.5);
        return { counterId: c.id, startsAt: start, endsAt: new Date(start.getTime() + 30 * 60_000) };
      }),
    );
    expect(await repository.addSlots(o.tenantId, campaignId, slots)).toBe(COUNTERS * STARTS);
    await h.app.services.lottery.publish(o.tenantId, campaignId, "staff:test");
    now = new Date("2026-01-10T00:00:00Z");
    expect(await h.app.services.lottery.advance()).toBe(1);
    await sql().query(
      `WITH c AS (
         INSERT INTO "Customer" ("tenantId", email, "emailNormalized", name, "passwordHash", "verifiedAt")
         SELECT $1::uuid, 'k' || i || '@example.org', 'k' || i || '@example.org', 'Kunde ' || i, 'x', now() FROM generate_series(1, ${ENTRIES}) AS i
         RETURNING id, email)
       INSERT INTO "Application" ("tenantId", "campaignId", "customerId", "entryCode", preferences)
       SELECT $1::uuid, $2::uuid, c.id, 'TV-' || upper(substr(md5(c.email), 1, 10)),
              CASE WHEN c.email LIKE '%3@%' THEN '{"timesOfDay":["AFTERNOON"]}'::jsonb ELSE '{}'::jsonb END FROM c`,
      [o.tenantId, campaignId],
    );
    now = new Date("2026-02-01T00:00:00Z");
    expect(await h.app.services.lottery.advance()).toBe(1);
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });

  it("leaves nothing behind when killed in the draw's transaction, and a restart draws the same, once", async () => {
    const env = { DATABASE_URL: h.database.url! };
    const first = runChild(env, [o.tenantId, campaignId]);
    // Wait until PostgreSQL shows the child writing the draw, then kill it.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const writing = await count(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state <> 'idle' AND pid <> pg_backend_pid()
            AND (query LIKE '%INSERT INTO "MailOutbox"%' OR query LIKE '%"lotteryRank" = v.rank%' OR query LIKE '%tv_add_job(''lottery-offer%')`,
      );
      if (writing > 0) break;
      if (Date.now() > deadline || first.process.exitCode !== null) throw new Error(`the draw was not caught:\n${first.output()}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    first.process.kill("SIGKILL");
    expect(await first.exit).toBeNull();
    expect(first.output()).not.toContain("draw.result");
    // Nothing of the draw is saved: the campaign is still closed, no rank, no offer, no mail, no job.
    const [campaign] = await sql().query<{ status: string }>(`SELECT status::text AS status FROM "Campaign" WHERE id = $1::uuid`, [campaignId]);
    expect(campaign!.status).toBe("CLOSED");
    expect(await count(`SELECT count(*)::int AS n FROM "Application" WHERE "campaignId" = $1::uuid AND "lotteryRank" IS NOT NULL`, [campaignId])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM "MailOutbox" WHERE "tenantId" = $1::uuid`, [o.tenantId])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM "Job" WHERE kind LIKE 'lottery-offer%'`)).toBe(0);

    const second = runChild(env, [o.tenantId, campaignId]);
    expect(await second.exit, second.output()).toBe(0);
    expect(second.output()).toContain("draw.result DRAWN");
    const third = runChild(env, [o.tenantId, campaignId]);
    expect(await third.exit).toBe(0);
    expect(third.output()).toContain("draw.result ALREADY_DRAWN");

    // Once: one audit entry, one mail per entry, one expiry job per offer.
    expect(await count(`SELECT count(*)::int AS n FROM "AuditLog" WHERE action = 'campaign.drawn' AND "entityId" = $1`, [campaignId])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM "MailOutbox" WHERE "tenantId" = $1::uuid`, [o.tenantId])).toBe(ENTRIES);
    expect(await count(`SELECT count(*)::int AS n FROM "Job" WHERE kind = 'lottery-offer-expiry'`)).toBe(COUNTERS * STARTS);
    // The same result: the saved record is what the pure draw computes from the published inputs.
    const record = (await new LotteryRepository(h.database.db).record(o.tenantId, campaignId)) as DrawRecord;
    const entries = await sql().query<{ entryCode: string; preferences: unknown }>(`SELECT "entryCode", preferences FROM "Application" WHERE "campaignId" = $1::uuid`, [campaignId]);
    const expected = runDraw(NODE_HASHES, {
      secret: secretBytes(record.secret)!,
      commitment: record.commitment,
      beacon: record.beacon,
      slots: record.slots,
      applications: entries.map((e) => ({ entryCode: e.entryCode, preferences: { offices: [], weekdays: [], timesOfDay: [], ...(e.preferences as object) } })),
    });
    expect(expected.ok).toBe(true);
    if (!expected.ok) return;
    expect(record.entries).toEqual(expected.value.entries);
    const ranks = await sql().query<{ entryCode: string; rank: number; slotId: string | null }>(
      `SELECT "entryCode", "lotteryRank" AS rank, "slotId"::text AS "slotId" FROM "Application" WHERE "campaignId" = $1::uuid`,
      [campaignId],
    );
    const saved = new Map(ranks.map((r) => [r.entryCode, r]));
    for (const e of expected.value.entries) expect(saved.get(e.entryCode)).toEqual({ entryCode: e.entryCode, rank: e.rank, slotId: e.slot });
  }, 300_000);
});
