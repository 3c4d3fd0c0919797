import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testTargets } from "../testing/index.ts";
import { BookingRepository } from "./booking-repository.ts";

const NOW = new Date("2030-04-01T10:00:00.000Z");
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe.each(testTargets())("expiring lapsed holds and unverified bookings ($name)", (target) => {
  let t: TestDatabase;
  let f: { tenantId: string; officeId: string; counterId: string };
  beforeAll(async () => {
    t = await target.create();
    const p = t.db.prisma;
    const tenant = await p.tenant.create({ data: { slug: "expiry", name: { de: "T", en: "T" } } });
    const office = await p.office.create({
      data: { tenantId: tenant.id, slug: "o", name: { de: "O", en: "O" }, street: "S 1", postalCode: "12345", city: "X" },
    });
    const counter = await p.counter.create({ data: { tenantId: tenant.id, officeId: office.id, name: "1" } });
    f = { tenantId: tenant.id, officeId: office.id, counterId: counter.id };
  });
  afterAll(async () => t?.dispose());

  async function booking(slot: number, data: { status: "HELD" | "PENDING_VERIFICATION" | "CONFIRMED"; holdExpiresAt?: Date; verifyDeadline?: Date }) {
    return t.db.prisma.booking.create({
      data: { ...f, channel: "ONLINE", startsAt: at(60 + slot * 15), endsAt: at(75 + slot * 15), holdTokenHash: "h", ...data },
    });
  }

  it("expires only what lapsed, in the chosen scope, with status history and audit entry by the system in the same statement", async () => {
    const repo = new BookingRepository(t.db);
    const lapsedHold = await booking(0, { status: "HELD", holdExpiresAt: at(-1) });
    const liveHold = await booking(1, { status: "HELD", holdExpiresAt: at(1) });
    const unverified = await booking(2, { status: "PENDING_VERIFICATION", verifyDeadline: at(0) });
    const confirmed = await booking(3, { status: "CONFIRMED" });

    const holds = await repo.expireLapsed(NOW, { which: "HELD", job: "hold-expiry" });
    expect(holds).toEqual([{ id: lapsedHold.id, tenantId: f.tenantId, officeId: f.officeId, status: "EXPIRED", fromStatus: "HELD" }]);
    const verifications = await repo.expireLapsed(NOW, { which: "PENDING_VERIFICATION", job: "verification-expiry" });
    expect(verifications.map((e) => [e.id, e.fromStatus])).toEqual([[unverified.id, "PENDING_VERIFICATION"]]);
    expect(await repo.expireLapsed(NOW)).toEqual([]);

    const status = async (id: string) => (await t.db.prisma.booking.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(lapsedHold.id)).toBe("EXPIRED");
    expect(await status(liveHold.id)).toBe("HELD");
    expect(await status(unverified.id)).toBe("EXPIRED");
    expect(await status(confirmed.id)).toBe("CONFIRMED");
    expect((await t.db.prisma.booking.findUniqueOrThrow({ where: { id: lapsedHold.id } })).holdTokenHash).toBeNull();

    const history = await t.db.prisma.bookingStatusChange.findMany({ where: { tenantId: f.tenantId }, orderBy: { at: "asc" } });
    expect(history.map((h) => ({ bookingId: h.bookingId, fromStatus: h.fromStatus, toStatus: h.toStatus, actor: h.actor, at: h.at, reason: h.reason }))).toEqual([
      { bookingId: lapsedHold.id, fromStatus: "HELD", toStatus: "EXPIRED", actor: "system", at: NOW, reason: "hold lapsed" },
      { bookingId: unverified.id, fromStatus: "PENDING_VERIFICATION", toStatus: "EXPIRED", actor: "system", at: NOW, reason: "e-mail not verified in time" },
    ]);
    const audit = await t.db.prisma.auditLog.findMany({ where: { tenantId: f.tenantId }, orderBy: { id: "asc" } });
    expect(audit.map((a) => ({ actor: a.actor, action: a.action, entityType: a.entityType, entityId: a.entityId, data: a.data, at: a.at }))).toEqual([
      { actor: "system", action: "booking.expired", entityType: "Booking", entityId: lapsedHold.id, data: { from: "HELD", job: "hold-expiry" }, at: NOW },
      { actor: "system", action: "booking.expired", entityType: "Booking", entityId: unverified.id, data: { from: "PENDING_VERIFICATION", job: "verification-expiry" }, at: NOW },
    ]);
  });

  it("never expires a row twice when sweeps run concurrently", async () => {
    const repo = new BookingRepository(t.db);
    for (let i = 10; i < 30; i++) await booking(i, { status: "HELD", holdExpiresAt: at(-1) });
    const runs = await Promise.all(Array.from({ length: 4 }, () => repo.expireLapsed(NOW, { which: "HELD", limit: 7 })));
    const ids = runs.flat().map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const again = await repo.expireLapsed(NOW, { which: "HELD" });
    expect(ids.length + again.length).toBe(20);
    const changes = await t.db.prisma.bookingStatusChange.count({ where: { tenantId: f.tenantId, reason: "hold lapsed" } });
    expect(changes).toBe(21); // 20 here plus the one of the first test
  });
});
