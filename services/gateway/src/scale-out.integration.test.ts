import { createPostgresDatabase, } from "@terminvergabe/db/testing";
import { openDatabase, type Database } from "@terminvergabe/db";
import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { CONFIRM, createTinyOffice, HOLD, type TinyOffice } from "../test/booking-fixture.ts";
import { type GatewayProcess, startGatewayProcess, sumLogField } from "../test/processes.ts";

const pgUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;
// Needs both real servers; CI (.ci/run) always provides them.
const targets = pgUrl && redisUrl ? [{ name: "postgres+redis", pgUrl, redisUrl }] : [];

describe.each(targets)("two gateway processes on one database and one Redis ($name)", ({ pgUrl, redisUrl }) => {
  let database: { url: string; drop(): Promise<void> };
  let db: Database;
  let a: GatewayProcess;
  let b: GatewayProcess;
  let office: TinyOffice;
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    database = await createPostgresDatabase(pgUrl);
    const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl, JOB_INTERVAL_MS: "300", SEED_DEMO: "true" };
    // both start at once: migrations and seeding must be safe concurrently
    [a, b] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
    db = await openDatabase({ databaseUrl: database.url });
    office = await createTinyOffice(db, { slug: "scale", date: tomorrow, until: "17:00", counters: 1 });
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.close();
    await database?.drop();
  });

  it("a booking through process A reaches an availabilityChanged subscriber on process B", async () => {
    const client = createClient({ url: `ws://127.0.0.1:${b.port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const counts: number[] = [];
    let dispose = () => {};
    const changed = new Promise<void>((resolve, reject) => {
      dispose = client.subscribe<{ availabilityChanged: { days: { date: string; freeSlots: number }[] } }>(
        {
          query: `subscription ($items: [RequestItemInput!]!, $day: Date!) {
            availabilityChanged(tenant: "scale", office: "amt", items: $items, from: $day, to: $day) { days { date freeSlots } }
          }`,
          variables: { items: [{ serviceId: office.serviceId, quantity: 1 }], day: tomorrow },
        },
        {
          next: (r) => {
            if (r.errors) return reject(new Error(JSON.stringify(r.errors)));
            counts.push(r.data!.availabilityChanged.days[0]!.freeSlots);
            if (counts.length >= 2 && counts.at(-1)! < counts[0]!) resolve();
          },
          error: reject,
          complete: () => {},
        },
      );
    });
    const firstDeadline = Date.now() + 15_000;
    while (counts.length === 0) {
      if (Date.now() > firstDeadline) throw new Error(`no initial state; B said:\n${b.output().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const post = (query: string, variables: unknown) =>
      fetch(`http://127.0.0.1:${a.port}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
      }).then((r) => r.json() as Promise<{ data: Record<string, Record<string, string>> }>);
    const held = (await post(HOLD, {
      input: { tenant: "scale", office: "amt", items: [{ serviceId: office.serviceId, quantity: 1 }], start: `${tomorrow}T14:00:00Z` },
    })).data.holdSlot!;
    expect(held.__typename).toBe("Hold");
    const done = await post(CONFIRM, { input: { holdId: held.id, token: held.token, consent: true, contact: { name: "A", email: "a@example.org" } } });
    expect(done.data.confirmBooking!.__typename).toBe("BookingConfirmation");
    await changed;
    dispose();
    await client.dispose();
    expect(counts.at(-1)).toBeLessThan(counts[0]!);
  });

  it("runs the hold-expiry job once per hold, not once per instance", async () => {
    const before = sumLogField(a.output(), "job.holds_expired", "count") + sumLogField(b.output(), "job.holds_expired", "count");
    const counter = await db.prisma.counter.findFirstOrThrow({ where: { officeId: office.officeId } });
    const past = new Date(Date.now() - 60_000);
    const holds = 40;
    for (let i = 0; i < holds; i++) {
      const start = new Date(Date.parse(`${tomorrow}T07:00:00Z`) + i * 5 * 60_000);
      await db.prisma.booking.create({
        data: {
          tenantId: office.tenantId, officeId: office.officeId, counterId: counter.id, status: "HELD", channel: "ONLINE",
          startsAt: start, endsAt: new Date(start.getTime() + 5 * 60_000), holdExpiresAt: past, holdTokenHash: `h${i}`,
        },
      });
    }
    const deadline = Date.now() + 20_000;
    while ((await db.prisma.booking.count({ where: { tenantId: office.tenantId, status: "HELD" } })) > 0) {
      if (Date.now() > deadline) throw new Error("holds were not expired");
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1_000)); // let both instances log
    const expired = sumLogField(a.output(), "job.holds_expired", "count") + sumLogField(b.output(), "job.holds_expired", "count") - before;
    expect(expired).toBe(holds);
    expect(await db.prisma.booking.count({ where: { tenantId: office.tenantId, status: "EXPIRED" } })).toBe(holds);
  });
});
