import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testTargets } from "../testing/index.ts";
import { BookingRepository } from "./booking-repository.ts";

/** Minimal tenant → office → counter → service fixture. */
async function fixture(t: TestDatabase, slug: string) {
  const p = t.db.prisma;
  const tenant = await p.tenant.create({ data: { slug, name: { de: "Test", en: "Test" } } });
  const office = await p.office.create({
    data: { tenantId: tenant.id, slug: "o", name: { de: "O", en: "O" }, street: "S 1", postalCode: "12345", city: "X" },
  });
  const counter = await p.counter.create({ data: { tenantId: tenant.id, officeId: office.id, name: "Schalter 1" } });
  const service = await p.service.create({
    data: { tenantId: tenant.id, slug: "s", name: { de: "S", en: "S" }, category: { de: "K", en: "C" }, durationMinutes: 15 },
  });
  return { tenantId: tenant.id, officeId: office.id, counterId: counter.id, serviceId: service.id };
}

describe.each(testTargets())("overlapping holds on one counter ($name)", (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await target.create({ poolSize: 20 });
  });
  afterAll(async () => t?.dispose());

  it("given 50 concurrent overlapping inserts, exactly one succeeds and 49 get SLOT_TAKEN", async () => {
    const f = await fixture(t, "overlap");
    const repo = new BookingRepository(t.db);
    const base = Date.parse("2030-03-05T08:00:00Z");
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        repo.insertHold({
          tenantId: f.tenantId,
          officeId: f.officeId,
          counterId: f.counterId,
          // every interval overlaps every other: starts spread over 10 minutes, 15 minutes long
          startsAt: new Date(base + (i % 10) * 60_000),
          endsAt: new Date(base + (i % 10) * 60_000 + 15 * 60_000),
          holdExpiresAt: new Date(base),
          holdTokenHash: `h${i}`,
          channel: "ONLINE",
          items: [{ serviceId: f.serviceId, quantity: 1 }],
        }),
      ),
    );
    const wins = results.filter((r) => r.ok);
    const losses = results.filter((r) => !r.ok);
    expect(wins).toHaveLength(1);
    expect(losses).toHaveLength(49);
    for (const loss of losses) expect(loss).toEqual({ ok: false, error: { kind: "SLOT_TAKEN" } });
    const live = await t.db.prisma.booking.count({ where: { counterId: f.counterId, status: "HELD" } });
    expect(live).toBe(1);
    // no orphaned items from the losers: the failed inserts left no partial state
    expect(await t.db.prisma.bookingItem.count({ where: { tenantId: f.tenantId } })).toBe(1);
  });

  it("given a cancelled booking, an overlapping hold on the same counter succeeds; adjacent intervals never conflict", async () => {
    const p = t.db.prisma;
    const f = await fixture(t, "overlap-2");
    const repo = new BookingRepository(t.db);
    const at = (h: number, m = 0) => new Date(Date.UTC(2030, 3, 1, h, m));
    const hold = (s: Date, e: Date) =>
      repo.insertHold({
        tenantId: f.tenantId, officeId: f.officeId, counterId: f.counterId, startsAt: s, endsAt: e,
        holdExpiresAt: s, holdTokenHash: "x", channel: "ONLINE", items: [{ serviceId: f.serviceId, quantity: 1 }],
      });
    const first = await hold(at(9), at(9, 30));
    expect(first.ok).toBe(true);
    expect((await hold(at(9, 30), at(10))).ok).toBe(true); // '[)' ranges: touching is fine
    expect((await hold(at(9, 15), at(9, 45))).ok).toBe(false);
    if (!first.ok) throw new Error("unreachable");
    await p.booking.update({ where: { id: first.value.id }, data: { status: "CANCELLED" } });
    expect((await hold(at(9), at(9, 30))).ok).toBe(true);
  });
});

describe.each(testTargets())("claiming the first free of several places in one round trip ($name)", (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await target.create({ poolSize: 20 });
  });
  afterAll(async () => t?.dispose());

  it("skips taken places, expires a lapsed hold in the way, and hands out each place once under a herd", async () => {
    const p = t.db.prisma;
    const f = await fixture(t, "claim");
    const second = await p.counter.create({ data: { tenantId: f.tenantId, officeId: f.officeId, name: "Schalter 2" } });
    const repo = new BookingRepository(t.db);
    const now = new Date("2030-03-01T08:00:00Z");
    const at = (h: number, m = 0) => new Date(Date.UTC(2030, 3, 1, h, m));
    const claim = (token: string, places: { counterId: string; start: Date; end: Date }[]) =>
      repo.claimHold(
        { tenantId: f.tenantId, officeId: f.officeId, holdExpiresAt: new Date(now.getTime() + 600_000), holdTokenHash: token, channel: "ONLINE", items: [{ serviceId: f.serviceId, quantity: 1 }] },
        places,
        now,
      );
    const nine = (counterId: string) => ({ counterId, start: at(9), end: at(9, 15) });
    // counter 1 at 09:00 is taken, counter 2 has a hold that lapsed
    expect((await claim("first", [nine(f.counterId)])).ok).toBe(true);
    await p.booking.create({
      data: { tenantId: f.tenantId, officeId: f.officeId, counterId: second.id, status: "HELD", channel: "ONLINE", startsAt: at(9), endsAt: at(9, 15), holdExpiresAt: new Date(now.getTime() - 1), holdTokenHash: "lapsed" },
    });
    const got = await claim("second", [nine(f.counterId), nine(second.id)]);
    expect(got).toEqual({ ok: true, value: { id: expect.any(String), counterId: second.id, start: at(9), end: at(9, 15) } });
    expect((await p.booking.findFirstOrThrow({ where: { holdTokenHash: "lapsed" } })).status).toBe("EXPIRED");
    expect(await claim("third", [nine(f.counterId), nine(second.id)])).toEqual({ ok: false, error: { kind: "SLOT_TAKEN" } });
    expect(await claim("none", [])).toEqual({ ok: false, error: { kind: "SLOT_TAKEN" } });

    // 60 claims at once, each offering the same 16 places on two counters (best first): every
    // place that can still be had goes to exactly one claim, the others get SLOT_TAKEN, never an error
    const places = [10, 11].flatMap((h) => [0, 5, 10, 15].flatMap((m) => [f.counterId, second.id].map((c) => ({ counterId: c, start: at(h, m), end: at(h, m + 15) }))));
    const herd = await Promise.all(Array.from({ length: 60 }, (_, i) => claim(`herd${i}`, places)));
    const won = herd.filter((r) => r.ok);
    // places are taken best first: on each counter 10:00, then 10:15 (10:05 and 10:10 overlap 10:00), 11:00, 11:15
    expect(won).toHaveLength(8);
    expect(herd.filter((r) => !r.ok).every((r) => !r.ok && r.error.kind === "SLOT_TAKEN")).toBe(true);
    const live = await p.booking.findMany({ where: { tenantId: f.tenantId, status: "HELD", holdTokenHash: { startsWith: "herd" } }, include: { items: true } });
    expect(live.map((b) => `${b.counterId === f.counterId ? 1 : 2} ${b.startsAt.toISOString().slice(11, 16)}`).sort()).toEqual(
      ["1 10:00", "1 10:15", "1 11:00", "1 11:15", "2 10:00", "2 10:15", "2 11:00", "2 11:15"],
    );
    expect(live.every((b) => b.items.length === 1)).toBe(true);
  });
});

describe.each(testTargets())("a hold's relaxed commit stays its own ($name)", (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await target.create({ poolSize: 1 }); // one connection: the next statement runs where the hold ran
  });
  afterAll(async () => t?.dispose());

  it("leaves synchronous_commit on for whatever runs next on the connection", async () => {
    const f = await fixture(t, "relaxed");
    const repo = new BookingRepository(t.db);
    const start = new Date("2030-03-05T08:00:00Z");
    const held = await repo.insertHold({
      tenantId: f.tenantId, officeId: f.officeId, counterId: f.counterId, startsAt: start, endsAt: new Date(start.getTime() + 900_000),
      holdExpiresAt: start, holdTokenHash: "relaxed", channel: "ONLINE", items: [{ serviceId: f.serviceId, quantity: 1 }],
    });
    expect(held.ok).toBe(true);
    expect(await t.db.sql.query("SHOW synchronous_commit", [])).toEqual([{ synchronous_commit: "on" }]);
    // the claim's short lock wait is its own too
    const [shown] = await t.db.sql.query<{ lock_timeout: string }>("SHOW lock_timeout", []);
    expect(shown?.lock_timeout).not.toBe("1s");
    expect(await t.db.prisma.booking.count({ where: { holdTokenHash: "relaxed", status: "HELD" } })).toBe(1);
  });
});

describe.each(testTargets())("confirming a hold: read, then one guarded write ($name)", (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await target.create({});
  });
  afterAll(async () => t?.dispose());

  const now = new Date("2030-03-01T08:00:00Z");
  const person = { emailNormalized: "erika@example.org", phoneNormalized: null };
  const write = (reference: string) => ({
    reference,
    status: "CONFIRMED" as const,
    contact: { name: "Erika", email: "erika@example.org", emailNormalized: "erika@example.org", phone: null, phoneNormalized: null },
    locale: "de" as const,
    manageTokenHash: `m-${reference}`,
    verifyTokenHash: null,
    verifyDeadline: null,
    mail: { kind: "CONFIRMATION", toAddress: "erika@example.org", subject: "Termin", textBody: "t", htmlBody: null, icsMethod: "REQUEST", icsContent: "i" },
    actor: "citizen",
  });

  async function heldAt(f: Awaited<ReturnType<typeof fixture>>, hour: number) {
    const repo = new BookingRepository(t.db);
    const held = await repo.insertHold({
      tenantId: f.tenantId, officeId: f.officeId, counterId: f.counterId,
      startsAt: new Date(Date.UTC(2030, 2, 5, hour)), endsAt: new Date(Date.UTC(2030, 2, 5, hour, 15)),
      holdExpiresAt: new Date(now.getTime() + 600_000), holdTokenHash: `h${hour}`, channel: "ONLINE",
      items: [{ serviceId: f.serviceId, quantity: 1 }],
    }, now);
    if (!held.ok) throw new Error("hold failed");
    return held.value.id;
  }

  it("writes nothing when another booking of the person landed after the read, and confirms after a fresh read", async () => {
    const f = await fixture(t, "guard");
    const repo = new BookingRepository(t.db);
    const first = await heldAt(f, 8);
    const second = await heldAt(f, 9);
    const stale = await repo.readForConfirm(second, person, now);
    expect(stale.hold?.status).toBe("HELD");
    expect(stale.person.activeFutureBookings).toBe(0);
    // the person's other booking lands between the read and the write
    const before = await repo.readForConfirm(first, person, now);
    expect(await repo.confirmWrite({ holdId: first, now, person, personDigest: before.personDigest, write: write("AAAA2222") })).toBe("CONFIRMED");

    expect(await repo.confirmWrite({ holdId: second, now, person, personDigest: stale.personDigest, write: write("BBBB3333") })).toBe("PERSON_CHANGED");
    const p = t.db.prisma;
    expect((await p.booking.findUniqueOrThrow({ where: { id: second } })).status).toBe("HELD");
    expect(await p.bookingStatusChange.count({ where: { bookingId: second } })).toBe(0);
    expect(await p.mailOutbox.count({ where: { bookingId: second } })).toBe(0);
    expect(await p.auditLog.count({ where: { entityId: second } })).toBe(0);

    const fresh = await repo.readForConfirm(second, person, now);
    expect(fresh.person.activeFutureBookings).toBe(1);
    expect(fresh.person.activeServiceIds).toEqual([f.serviceId]);
    expect(fresh.personDigest).not.toBe(stale.personDigest);
    expect(await repo.confirmWrite({ holdId: second, now, person, personDigest: fresh.personDigest, write: write("BBBB3333") })).toBe("CONFIRMED");
    expect(await p.bookingStatusChange.count({ where: { bookingId: second } })).toBe(1);
    expect(await p.mailOutbox.count({ where: { bookingId: second } })).toBe(1);
  });

  it("tells a lapsed or unknown hold apart, and a taken reference", async () => {
    const f = await fixture(t, "guard-2");
    const repo = new BookingRepository(t.db);
    const id = await heldAt(f, 10);
    const read = await repo.readForConfirm(id, person, now);
    const late = new Date(now.getTime() + 700_000);
    expect(await repo.confirmWrite({ holdId: id, now: late, person, personDigest: read.personDigest, write: write("CCCC4444") })).toBe("HOLD_GONE");
    expect(await repo.confirmWrite({ holdId: "00000000-0000-4000-8000-000000000000", now, person, personDigest: read.personDigest, write: write("CCCC4444") })).toBe("HOLD_GONE");
    expect((await repo.readForConfirm("not-a-uuid", person, now)).hold).toBeNull();
    const other = await heldAt(f, 11);
    const otherRead = await repo.readForConfirm(other, person, now);
    expect(await repo.confirmWrite({ holdId: other, now, person, personDigest: otherRead.personDigest, write: write("DDDD5555") })).toBe("CONFIRMED");
    const again = await repo.readForConfirm(id, person, now);
    expect(await repo.confirmWrite({ holdId: id, now, person, personDigest: again.personDigest, write: write("DDDD5555") })).toBe("REFERENCE_TAKEN");
  });
});
