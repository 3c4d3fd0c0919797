import { type Database, openDatabase } from "@terminvergabe/db";
import { createPostgresDatabase } from "@terminvergabe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFIRM, createTinyOffice, HOLD, type TinyOffice } from "../../test/booking-fixture.ts";
import { type GatewayProcess, startGatewayProcess } from "../../test/processes.ts";

const pgUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;
const targets = pgUrl && redisUrl ? [{ name: "postgres+redis", pgUrl, redisUrl }] : [];

const CITIZENS = 200;
const ROUNDS = 5;
const PERSONS = 12;

type Answer<K extends string> = { status: number; body: { data?: Record<K, { __typename: string; id?: string; token?: string }>; errors?: unknown[] } };

/**
 * Two instances, one database: holds on overlapping starts of the same counters and
 * confirmations of the same persons (shared e-mail addresses and phone numbers) at once.
 * Person locks and counter locks are always taken in one order, so PostgreSQL must never
 * have to break a deadlock.
 */
describe.each(targets)("two instances book overlapping starts for overlapping persons ($name)", ({ pgUrl, redisUrl }) => {
  let database: { url: string; drop(): Promise<void> };
  let db: Database;
  let a: GatewayProcess;
  let b: GatewayProcess;
  const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    database = await createPostgresDatabase(pgUrl);
    const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl, SEED_DEMO: "false", REQUEST_LOG: "false" };
    [a, b] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
    db = await openDatabase({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.close();
    await database?.drop();
  });

  async function post<K extends string>(port: number, query: string, variables: Record<string, unknown>): Promise<Answer<K>> {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as Answer<K>["body"] };
  }

  /** 09:00–12:00 on a 10-minute grid for a 30-minute concern: every start overlaps two others. */
  const newOffice = (round: number): Promise<TinyOffice> =>
    createTinyOffice(db, { slug: `contention-${round}`, date: day, until: "12:00", counters: 2, policy: { slotGridMinutes: 10, maxActiveBookingsPerPerson: 3 } });

  it(`${ROUNDS} rounds of ${CITIZENS} citizens: 0 deadlocks, 0 untyped errors, no overlapping live bookings`, async () => {
    const deadlocksBefore = await deadlocks(db);
    for (let round = 0; round < ROUNDS; round++) await rush(await newOffice(round));
    expect(await deadlocks(db)).toBe(deadlocksBefore);
    const [overlaps] = await db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Booking" x JOIN "Booking" y
          ON x."counterId" = y."counterId" AND x.id < y.id
         AND tstzrange(x."startsAt", x."endsAt", '[)') && tstzrange(y."startsAt", y."endsAt", '[)')
       WHERE x.status IN ('HELD', 'PENDING_VERIFICATION', 'CONFIRMED') AND y.status IN ('HELD', 'PENDING_VERIFICATION', 'CONFIRMED')`,
    );
    expect(overlaps?.n).toBe(0);
  }, 300_000);

  async function rush(office: TinyOffice): Promise<void> {
    const starts = Array.from({ length: 10 }, (_, i) => new Date(`${day}T09:00:00+01:00`).getTime() + i * 10 * 60_000);
    const citizen = async (i: number) => {
      const port = i % 2 ? a.port : b.port;
      const start = new Date(starts[i % starts.length]!).toISOString();
      const hold = await post<"holdSlot">(port, HOLD, {
        input: { tenant: office.tenantSlug, office: office.officeId, items: [{ serviceId: office.serviceId, quantity: 1 }], start },
      });
      const held = hold.body.data?.holdSlot;
      if (held?.__typename !== "Hold") return held?.__typename ?? `untyped:${hold.status}:${JSON.stringify(hold.body.errors)}`;
      const person = i % PERSONS;
      const confirm = await post<"confirmBooking">(port, CONFIRM, {
        input: {
          holdId: held.id,
          token: held.token,
          consent: true,
          contact: { name: `Person ${person}`, email: `p${person}+${i}@example.org`, phone: `+49 30 555 ${String(person).padStart(4, "0")}` },
        },
      });
      return confirm.body.data?.confirmBooking.__typename ?? `untyped:${confirm.status}:${JSON.stringify(confirm.body.errors)}`;
    };
    const kinds = await Promise.all(Array.from({ length: CITIZENS }, (_, i) => citizen(i)));
    expect(kinds.filter((k) => k.startsWith("untyped"))).toEqual([]);
    expect(kinds.filter((k) => k === "BookingConfirmation").length).toBeGreaterThan(0);
  }
});

async function deadlocks(db: Database): Promise<number> {
  const [row] = await db.sql.query<{ deadlocks: string }>(
    "SELECT deadlocks::text AS deadlocks FROM pg_stat_database WHERE datname = current_database()",
  );
  return Number(row?.deadlocks ?? 0);
}
