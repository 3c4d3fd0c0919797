import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../client.ts";
import { migrate } from "../migrations/migrate.ts";
import { createPostgresDatabase, type TestDatabase, testTargets } from "../testing/index.ts";
import { MAX_ERROR_LENGTH, OutboxRepository } from "./outbox-repository.ts";

const T = new Date("2030-05-01T10:00:00.000Z");
const at = (ms: number) => new Date(T.getTime() + ms);

async function tenant(t: TestDatabase["db"], slug: string) {
  return t.prisma.tenant.create({
    data: { slug, name: { de: "Bürgerbüro", en: "Citizens' office" }, locale: "en", contactEmail: "amt@example.org" },
  });
}

function mail(tenantId: string, extra: { nextAttemptAt?: Date; lockedUntil?: Date; subject?: string } = {}) {
  return { tenantId, kind: "CONFIRMATION", toAddress: "a@example.org", subject: "s", textBody: "t", ...extra };
}

describe.each(testTargets())("OutboxRepository ($name)", (target) => {
  let t: TestDatabase;
  let repo: OutboxRepository;
  let tenantId: string;
  beforeAll(async () => {
    t = await target.create();
    repo = new OutboxRepository(t.db);
    tenantId = (await tenant(t.db, "outbox-repo")).id;
  });
  afterAll(async () => t?.dispose());
  beforeEach(async () => {
    await t.db.prisma.mailOutbox.deleteMany();
  });

  it("claims only due, unleased PENDING rows, oldest due first, and counts the attempt", async () => {
    const p = t.db.prisma;
    const later = await p.mailOutbox.create({ data: mail(tenantId, { nextAttemptAt: at(-1_000), subject: "later" }) });
    const first = await p.mailOutbox.create({ data: mail(tenantId, { nextAttemptAt: at(-5_000), subject: "first" }) });
    await p.mailOutbox.create({ data: mail(tenantId, { nextAttemptAt: at(1), subject: "not due" }) });
    await p.mailOutbox.create({ data: mail(tenantId, { nextAttemptAt: at(-1), lockedUntil: at(1), subject: "leased" }) });
    await p.mailOutbox.create({ data: { ...mail(tenantId, { nextAttemptAt: at(-1) }), status: "SENT" } });

    const claimed = await repo.claimDue({ now: T, limit: 10, leaseUntil: at(60_000) });
    expect(claimed.map((c) => c.id)).toEqual([first.id, later.id]);
    expect(claimed[0]).toMatchObject({ attempts: 1, senderName: "Citizens' office", replyTo: "amt@example.org", tenantId });
    expect((await p.mailOutbox.findUniqueOrThrow({ where: { id: first.id } })).lockedUntil?.toISOString()).toBe(at(60_000).toISOString());
    // claimed rows are leased now: a second claim at the same time gets nothing
    expect(await repo.claimDue({ now: T, limit: 10, leaseUntil: at(60_000) })).toEqual([]);
    // the limit holds
    expect(await repo.claimDue({ now: at(60_001), limit: 1, leaseUntil: at(120_000) })).toHaveLength(1);
  });

  it("records a failure only while holding the lease, truncates the error, and gives up with nextAttemptAt null", async () => {
    const row = await t.db.prisma.mailOutbox.create({ data: mail(tenantId, { nextAttemptAt: T }) });
    const [claimed] = await repo.claimDue({ now: T, limit: 1, leaseUntil: at(1_000) });
    expect(claimed?.id).toBe(row.id);
    // someone else's lease: no change
    expect(await repo.recordFailure(row.id, { leaseUntil: at(999), error: "x", nextAttemptAt: at(5_000) })).toBe(false);
    expect(
      await repo.recordFailure(row.id, { leaseUntil: at(1_000), error: `E\u0000${"x".repeat(5_000)}`, nextAttemptAt: at(5_000) }),
    ).toBe(true);
    let stored = await t.db.prisma.mailOutbox.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored).toMatchObject({ status: "PENDING", lockedUntil: null, attempts: 1 });
    expect(stored.nextAttemptAt.toISOString()).toBe(at(5_000).toISOString());
    expect(stored.lastError).toHaveLength(MAX_ERROR_LENGTH);
    expect(stored.lastError?.startsWith("Ex")).toBe(true);

    await repo.claimDue({ now: at(5_000), limit: 1, leaseUntil: at(6_000) });
    expect(await repo.recordFailure(row.id, { leaseUntil: at(6_000), error: "550 no such user", nextAttemptAt: null })).toBe(true);
    stored = await t.db.prisma.mailOutbox.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored).toMatchObject({ status: "FAILED", attempts: 2, lastError: "550 no such user" });
    expect(await repo.claimDue({ now: at(3_600_000), limit: 1, leaseUntil: at(3_700_000) })).toEqual([]);
  });

  it("marks a row SENT once; a second record is a no-op", async () => {
    const row = await t.db.prisma.mailOutbox.create({ data: mail(tenantId, { nextAttemptAt: T }) });
    await repo.claimDue({ now: T, limit: 1, leaseUntil: at(1_000) });
    expect(await repo.markSent([{ id: row.id, messageId: "<m1@x>" }], at(10))).toEqual(new Set([row.id]));
    expect(await repo.markSent([{ id: row.id, messageId: "<m2@x>" }], at(20))).toEqual(new Set());
    const stored = await t.db.prisma.mailOutbox.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored).toMatchObject({ status: "SENT", messageId: "<m1@x>", lockedUntil: null });
    expect(stored.sentAt?.toISOString()).toBe(at(10).toISOString());
    expect(await repo.countByStatus()).toEqual({ PENDING: 0, SENT: 1, FAILED: 0 });
  });

  it("marks several rows SENT in one call and reports only those it changed", async () => {
    const before = await repo.countByStatus();
    const a = await t.db.prisma.mailOutbox.create({ data: mail(tenantId, { nextAttemptAt: T }) });
    const b = await t.db.prisma.mailOutbox.create({ data: mail(tenantId, { nextAttemptAt: T }) });
    await repo.markSent([{ id: a.id, messageId: "<a@x>" }], at(5));
    const recorded = await repo.markSent([{ id: a.id, messageId: "<a2@x>" }, { id: b.id, messageId: "<b@x>" }], at(10));
    expect(recorded).toEqual(new Set([b.id]));
    const stored = await t.db.prisma.mailOutbox.findMany({ where: { id: { in: [a.id, b.id] } } });
    expect(Object.fromEntries(stored.map((r) => [r.id, r.messageId]))).toEqual({ [a.id]: "<a@x>", [b.id]: "<b@x>" });
    expect(await repo.countByStatus()).toEqual({ ...before, SENT: before.SENT + 2 });
  });

  it("lists recent mails newest first and finds one by id (unknown or malformed ids give null)", async () => {
    const a = await t.db.prisma.mailOutbox.create({ data: mail(tenantId, { subject: "a" }) });
    const b = await t.db.prisma.mailOutbox.create({ data: mail(tenantId, { subject: "b" }) });
    const recent = await repo.recent(50);
    expect(recent.map((r) => r.id)).toEqual([b.id, a.id]);
    expect(recent[0]).toMatchObject({ tenantName: { de: "Bürgerbüro", en: "Citizens' office" }, timeZone: "Europe/Berlin", status: "PENDING" });
    expect((await repo.find(a.id))?.textBody).toBe("t");
    expect(await repo.find("00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await repo.find("nope")).toBeNull();
  });
});

const pgUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!pgUrl)("OutboxRepository on a PostgreSQL server whose time zone is not UTC (west of it)", () => {
  let created: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let db: Awaited<ReturnType<typeof openDatabase>>;
  beforeAll(async () => {
    created = await createPostgresDatabase(pgUrl!);
    const admin = new pg.Client({ connectionString: created.url });
    await admin.connect();
    await admin.query(`ALTER DATABASE "${new URL(created.url).pathname.slice(1)}" SET timezone = 'America/New_York'`);
    await admin.end();
    db = await openDatabase({ databaseUrl: created.url });
    await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
    await created?.drop();
  });

  it("stays consistent with Prisma's own writes: a row queued with the default nextAttemptAt is due at once", async () => {
    const { id: tenantId } = await tenant(db, "tz");
    // The booking flow leaves nextAttemptAt to its default, which Prisma fills in client-side.
    const row = await db.prisma.mailOutbox.create({ data: mail(tenantId) });
    const repo = new OutboxRepository(db);
    const now = new Date();
    const [claimed] = await repo.claimDue({ now, limit: 1, leaseUntil: new Date(now.getTime() + 60_000) });
    expect(claimed?.id).toBe(row.id);
    await repo.markSent([{ id: row.id, messageId: "<x@y>" }], now);
    const stored = await db.prisma.mailOutbox.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.sentAt?.toISOString()).toBe(now.toISOString());
  });
});
