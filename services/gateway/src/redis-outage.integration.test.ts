import { type Database, openDatabase } from "@terminvergabe/db";
import { createPostgresDatabase } from "@terminvergabe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFIRM, createTinyOffice, HOLD, type TinyOffice } from "../test/booking-fixture.ts";
import { type GatewayProcess, startGatewayProcess } from "../test/processes.ts";
import { privateRedis, type PrivateRedis, redisServerAvailable } from "../test/redis-server.ts";

const pgUrl = process.env.TEST_DATABASE_URL;

/**
 * Issue 16, item 6: Redis killed under a booking load with two instances. Before, the
 * first un-awaited publish after the loss rejected with MaxRetriesPerRequestError and took
 * the process down within seconds; Redis unreachable at start made it exit.
 */
describe.runIf(pgUrl && redisServerAvailable)("two gateways lose their Redis under a booking load", () => {
  let database: { url: string; drop(): Promise<void> };
  let db: Database;
  let redis: PrivateRedis;
  let a: GatewayProcess;
  let b: GatewayProcess;
  let office: TinyOffice;
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  let next = 0;

  beforeAll(async () => {
    database = await createPostgresDatabase(pgUrl!);
    redis = await privateRedis();
    await redis.start();
    const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, JOB_INTERVAL_MS: "500", SEED_DEMO: "false", RATE_LIMITS: "off", PROOF_OF_WORK: "off" };
    [a, b] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
    db = await openDatabase({ databaseUrl: database.url });
    office = await createTinyOffice(db, { slug: "outage", date: tomorrow, until: "17:00", counters: 6, policy: { maxActiveBookingsPerPerson: 100 } });
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.kill();
    await db?.close();
    await database?.drop();
  });

  const post = (gateway: GatewayProcess, query: string, variables: unknown) =>
    fetch(`http://127.0.0.1:${gateway.port}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    }).then((r) => r.json() as Promise<{ data?: Record<string, Record<string, string>>; errors?: unknown }>);

  /** One citizen: hold the next start (each start once per counter) and confirm. */
  async function book(gateway: GatewayProcess): Promise<string> {
    const i = next++;
    const start = new Date(`${tomorrow}T08:00:00Z`).getTime() + (i % 16) * 30 * 60_000;
    const held = await post(gateway, HOLD, {
      input: { tenant: "outage", office: "amt", items: [{ serviceId: office.serviceId, quantity: 1 }], start: new Date(start).toISOString() },
    });
    const hold = held.data?.holdSlot;
    if (hold?.__typename !== "Hold") return `hold: ${JSON.stringify(held)}`;
    const done = await post(gateway, CONFIRM, {
      input: { holdId: hold.id, token: hold.token, consent: true, contact: { name: `Person ${i}`, email: `p${i}@example.org` } },
    });
    return done.data?.confirmBooking?.__typename ?? `confirm: ${JSON.stringify(done)}`;
  }

  /** `n` bookings, four at a time, alternating between the gateways. */
  async function load(n: number): Promise<string[]> {
    const outcomes: string[] = [];
    let started = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (started < n) {
          const gateway = started++ % 2 === 0 ? a : b;
          outcomes.push(await book(gateway));
        }
      }),
    );
    return outcomes;
  }

  const ready = async (gateway: GatewayProcess) => (await fetch(`http://127.0.0.1:${gateway.port}/readyz`)).json() as Promise<Record<string, string>>;

  it("bookings go on, nobody crashes, /readyz says degraded, and both recover when Redis returns", async () => {
    expect((await ready(a)).pubsub).toBe("redis");
    const before = await load(12);
    expect(before.filter((o) => o !== "BookingConfirmation"), a.output().split("\n").filter((l) => l.includes("error")).slice(-5).join("\n")).toEqual([]);

    // Kill Redis while bookings are in flight.
    const during = load(24);
    await new Promise((r) => setTimeout(r, 50));
    await redis.kill();
    const outcomes = await during;
    expect(outcomes.filter((o) => o !== "BookingConfirmation")).toEqual([]);
    // Some time without Redis: reconnect attempts, the recurring jobs, and more bookings.
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await load(12)).every((o) => o === "BookingConfirmation")).toBe(true);
    expect([a.child.exitCode, b.child.exitCode]).toEqual([null, null]);
    for (const gateway of [a, b]) expect(await ready(gateway)).toMatchObject({ status: "degraded", pubsub: "degraded" });

    await redis.start();
    for (const gateway of [a, b]) {
      const deadline = Date.now() + 30_000;
      while ((await ready(gateway)).pubsub !== "redis") {
        if (Date.now() > deadline) throw new Error(`no reconnect:\n${gateway.output().slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    expect((await load(6)).every((o) => o === "BookingConfirmation")).toBe(true);
    const output = a.output() + b.output();
    expect(output).not.toMatch(/MaxRetriesPerRequestError|process\.unhandled_rejection|process\.uncaught_exception/);
    // Every line the processes wrote is one JSON object (issue 16, item 12).
    for (const line of output.split("\n").filter(Boolean)) expect(() => JSON.parse(line), line).not.toThrow();
    expect(await db.prisma.booking.count({ where: { status: "CONFIRMED" } })).toBe(54);
  });

  it("a gateway starts while Redis is unreachable and serves bookings", async () => {
    await redis.kill();
    const c = await startGatewayProcess({ DATABASE_URL: database.url, REDIS_URL: redis.url, SEED_DEMO: "false", RATE_LIMITS: "off", PROOF_OF_WORK: "off" });
    try {
      expect(await ready(c)).toMatchObject({ status: "degraded" });
      expect(await book(c)).toBe("BookingConfirmation");
      expect(c.child.exitCode).toBeNull();
    } finally {
      await c.stop();
    }
  });
});
