/**
 * Gateway benchmark (`npm run bench -w @terminvergabe/gateway`): a real gateway process on
 * a fresh PostgreSQL database, driven over HTTP and graphql-ws from this process.
 * Writes bench-results/gateway.json at the repository root and prints a summary.
 *
 * 1. availability (90 days) and slots (one day) for an office with 12 counters, 25 concerns,
 *    2,000 bookings and a 3-concern request, next to a trivial query on the same gateway;
 * 2. bookings/s for holdSlot + confirmBooking with 8 clients, next to a raw one-row
 *    INSERT-per-transaction ceiling through `pg` in the same run (right before and after);
 *    p50/p99 latency; CPU per booking and per raw INSERT by process;
 * 3. fan-out of one change to 1,000 and 10,000 graphql-ws subscribers, next to a raw `ws`
 *    broadcast of the same payload;
 * 4. the booking's three statements alone (no gateway), next to a raw ceiling measured
 *    right before them.
 * 5. the opening rush (rush/run-rush.ts; BENCH_RUSH=0 skips it): citizens behaving like
 *    the widget against one and two instances on PostgreSQL + Redis and one on PGlite,
 *    bench-results/rush-<target>.json.
 * 6. the bot fleet (bot-fleet/run-bot-fleet.ts; BENCH_BOTS=0 skips it): citizens against
 *    100 bots on 100 loopback addresses with the default defences, bench-results/bot-fleet.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { openDatabase } from "@terminvergabe/db";
import { createPostgresDatabase } from "@terminvergabe/db/testing";
import { startGatewayProcess } from "../test/processes.ts";
import { bookableStarts, runBookings } from "./booking-load.ts";
import { measureCpu } from "./cpu.ts";
import { rawInsertCeiling } from "./raw-ceiling.ts";
import { runSqlOnlyBookings } from "./sql-only.ts";
import { openSubscribers, rawBroadcast } from "./fan-out.ts";
import { addDays, createBenchOffice } from "./fixture.ts";
import { postGraphQL, runLoad } from "./load.ts";

const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const bookingsTarget = Number(process.env.BENCH_BOOKINGS ?? 2000);
const warmUpBookings = Number(process.env.BENCH_WARM_UP_BOOKINGS ?? 1000);
const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const fanOutSizes = (process.env.BENCH_FANOUT ?? "1000,10000").split(",").map(Number);

const perItem = (cpu: { gateway: number; postgres: number; client: number }, n: number) => {
  const ms = (seconds: number) => Math.round((seconds * 1000 * 100) / Math.max(1, n)) / 100;
  return { gateway: ms(cpu.gateway), postgres: ms(cpu.postgres), client: ms(cpu.client) };
};

const localToday = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());

const database = await createPostgresDatabase(baseUrl);
const gatewayEnv = {
  // As in production: graphql-js skips its development-time checks (README, configuration).
  NODE_ENV: "production",
  DATABASE_URL: database.url,
  SEED_DEMO: "false",
  REQUEST_LOG: "false",
  JOB_INTERVAL_MS: "1000",
};
const gateway = await startGatewayProcess(gatewayEnv);
const db = await openDatabase({ databaseUrl: database.url });
const url = `http://127.0.0.1:${gateway.port}/graphql`;
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version },
  database: "PostgreSQL (fresh database per run)",
};

try {
  // ---- 1. availability over HTTP vs a trivial query -------------------------------------
  const office = await createBenchOffice(db, { slug: "bench-availability", counters: 12, services: 25, bookings: 2000, today: localToday });
  const items = office.serviceIds.slice(0, 3).map((serviceId) => ({ serviceId, quantity: 1 }));
  const availabilityBody = JSON.stringify({
    query: `query ($items: [RequestItemInput!]!, $from: Date!, $to: Date!) {
      availability(tenant: "bench-availability", office: "amt", items: $items, from: $from, to: $to) {
        __typename ... on AvailabilityCalendar { days { date status freeSlots } } } }`,
    variables: { items, from: localToday, to: addDays(localToday, 89) },
  });
  const slotsBody = JSON.stringify({
    query: `query ($items: [RequestItemInput!]!, $date: Date!) {
      slots(tenant: "bench-availability", office: "amt", items: $items, date: $date) { __typename ... on SlotList { slots { start } } } }`,
    variables: { items, date: addDays(localToday, 7) },
  });
  const trivialBody = JSON.stringify({ query: "{ __typename }" });
  const isCalendar = (j: unknown) => (j as { data?: { availability?: { __typename?: string } } }).data?.availability?.__typename === "AvailabilityCalendar";
  const isSlots = (j: unknown) => (j as { data?: { slots?: { __typename?: string } } }).data?.slots?.__typename === "SlotList";
  for (const body of [trivialBody, availabilityBody, slotsBody]) await runLoad({ url, body, concurrency: 8, durationMs: 1000 }); // warm-up
  const trivial = await runLoad({ url, body: trivialBody, concurrency: 16, durationMs: seconds * 1000 });
  const availability = await runLoad({ url, body: availabilityBody, concurrency: 16, durationMs: seconds * 1000, check: isCalendar });
  const slots = await runLoad({ url, body: slotsBody, concurrency: 16, durationMs: seconds * 1000, check: isSlots });
  results.http = {
    scenario: "12 counters, 25 concerns, 2,000 bookings, 3-concern request; 16 concurrent HTTP clients",
    trivialQuery: trivial,
    availability90Days: availability,
    slotsOneDay: slots,
    availabilityToTrivialRatio: Math.round((availability.rps / trivial.rps) * 1000) / 1000,
    slotsToTrivialRatio: Math.round((slots.rps / trivial.rps) * 1000) / 1000,
  };

  // ---- 2. bookings/s through GraphQL vs a raw INSERT ceiling ----------------------------
  const clients = Number(process.env.BENCH_CLIENTS ?? 8);
  const backendPids = async () =>
    (await db.sql.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database()", [])).map((r) => Number(r.pid));
  // Warm-up: the gateway's JIT compiles the booking path while it runs; measuring a cold
  // process would count seconds of background compilation as booking cost.
  let warmUps = 0;
  const warmUp = async (urls: string[]) => {
    const office = await createBenchOffice(db, { slug: `bench-warm-up-${++warmUps}`, counters: 12, services: 1, bookings: 0, today: localToday, durationMinutes: 10 });
    const starts = await bookableStarts(urls[0]!, office.slug, office.serviceIds[0]!, localToday, warmUpBookings, 12);
    return runBookings({ urls, tenant: office.slug, serviceId: office.serviceIds[0]!, queue: starts, clients });
  };
  const mailsPending = async (tenant?: string) =>
    db.prisma.mailOutbox.count({ where: { status: "PENDING", ...(tenant ? { tenant: { slug: tenant } } : {}) } });
  /** Waits (at most a minute) until the outbox job has sent every mail, so a run starts quiet. */
  const mailsDelivered = async () => {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline && (await mailsPending()) > 0; ) await new Promise((r) => setTimeout(r, 200));
  };
  const warmUpRun = await warmUp([url]);
  await mailsDelivered();
  const booking = await createBenchOffice(db, { slug: "bench-booking", counters: 12, services: 1, bookings: 0, today: localToday, durationMinutes: 10 });
  const queue = await bookableStarts(url, "bench-booking", booking.serviceIds[0]!, localToday, bookingsTarget, 12);
  // The ceiling is measured right before and right after the bookings (the machine's speed
  // drifts); bookings are compared with the higher of the two.
  const rawBefore = await rawInsertCeiling(database.url, bookingsTarget, booking.counterIds, backendPids);
  // CPU is counted until the outbox job has also sent every confirmation mail: mail
  // delivery is part of what a booking costs, even when it trails the bookings.
  const single = await measureCpu([gateway.child.pid], backendPids, async () => {
    const run = await runBookings({ urls: [url], tenant: "bench-booking", serviceId: booking.serviceIds[0]!, queue, clients });
    const mailsPendingAtEnd = await mailsPending("bench-booking");
    const t0 = performance.now();
    await mailsDelivered();
    return { ...run, mailsPendingAtEnd, mailsDeliveredMsAfterEnd: Math.round(performance.now() - t0) };
  });
  const rawAfter = await rawInsertCeiling(database.url, bookingsTarget, booking.counterIds, backendPids);
  const rawPerSecond = Math.max(rawBefore.perSecond, rawAfter.perSecond);
  const ratio = (perSecond: number) => Math.round((perSecond / rawPerSecond) * 1000) / 1000;
  results.booking = {
    scenario: `holdSlot + confirmBooking over HTTP, ${clients} clients, ${queue.length} attempts on distinct (start, counter) pairs`,
    // mailsPendingAtEnd: confirmation mails not yet sent when the last booking was
    // confirmed; mailsDeliveredMsAfterEnd: how long the outbox job took to send them.
    ...single.result,
    rawInsertCeilingPerSecond: rawPerSecond,
    rawInsertBeforeAndAfterPerSecond: [rawBefore.perSecond, rawAfter.perSecond],
    ratioToCeiling: ratio(single.result.bookingsPerSecond),
    // CPU milliseconds per booking and per raw INSERT, by process: where the time goes.
    cpuMsPerBooking: perItem(single.cpu, single.result.bookings),
    cpuMsPerRawInsert: perItem(rawBefore.cpu, bookingsTarget),
    // What the 25 % target leaves per booking: all cores' CPU time divided by the bookings
    // per second it asks for. Compare with the sum of cpuMsPerBooking.
    cpuBudgetMsPerBookingAtTarget: Math.round(((os.cpus().length * 1000) / (0.25 * rawPerSecond)) * 100) / 100,
    liveBookingsInDatabase: await db.prisma.booking.count({ where: { status: "CONFIRMED", tenant: { slug: "bench-booking" } } }),
    warmUp: { bookings: warmUpRun.bookings, bookingsPerSecond: warmUpRun.bookingsPerSecond },
  };

  // The same with two gateway instances on one PostgreSQL and one Redis (scale-out).
  const scaled = await createBenchOffice(db, { slug: "bench-scale-out", counters: 12, services: 1, bookings: 0, today: localToday, durationMinutes: 10 });
  const instances = await Promise.all([0, 1].map(() => startGatewayProcess({ ...gatewayEnv, REDIS_URL: redisUrl })));
  try {
    const urls = instances.map((g) => `http://127.0.0.1:${g.port}/graphql`);
    await warmUp(urls);
    await mailsDelivered();
    const scaledQueue = await bookableStarts(urls[0]!, "bench-scale-out", scaled.serviceIds[0]!, localToday, bookingsTarget, 12);
    const run = await measureCpu(instances.map((g) => g.child.pid), backendPids, () =>
      runBookings({ urls, tenant: "bench-scale-out", serviceId: scaled.serviceIds[0]!, queue: scaledQueue, clients }),
    );
    results.bookingScaleOut = {
      scenario: `as above, clients spread over 2 gateway instances sharing PostgreSQL and Redis (${redisUrl})`,
      ...run.result,
      ratioToCeiling: ratio(run.result.bookingsPerSecond),
      cpuMsPerBooking: perItem(run.cpu, run.result.bookings),
    };
  } finally {
    await Promise.all(instances.map((g) => g.stop()));
  }

  // ---- 3. fan-out to graphql-ws subscribers vs raw ws broadcast ------------------------
  const post = (query: string, variables: unknown) => postGraphQL(url, query, variables);
  const fanOut: Record<string, unknown>[] = [];
  const slotsOf = async (date: string) =>
    ((await post(
      `query ($items: [RequestItemInput!]!, $date: Date!) { slots(tenant: "bench-booking", office: "amt", items: $items, date: $date) { ... on SlotList { slots { start } } } }`,
      { items: [{ serviceId: booking.serviceIds[0], quantity: 1 }], date },
    )) as unknown as { data: { slots: { slots?: { start: string }[] } } }).data.slots.slots ?? [];
  let day = addDays(localToday, 85);
  while ((await slotsOf(day)).length < 10) day = addDays(day, -1);
  const payload = {
    query: `subscription ($items: [RequestItemInput!]!, $date: Date!) {
      slotsChanged(tenant: "bench-booking", office: "amt", items: $items, date: $date) { slots { start } } }`,
    variables: { items: [{ serviceId: booking.serviceIds[0], quantity: 1 }], date: day },
  };
  const daySlots = { data: { slots: { slots: await slotsOf(day) } } };
  let slotIndex = 0;
  for (const n of fanOutSizes) {
    const subscribers = await openSubscribers(`ws://127.0.0.1:${gateway.port}/graphql`, n, payload);
    subscribers.arm();
    const t = performance.now();
    await post(`mutation ($input: HoldSlotInput!) { holdSlot(input: $input) { __typename } }`, {
      input: { tenant: "bench-booking", office: "amt", items: payload.variables.items, start: daySlots.data.slots.slots[slotIndex++]!.start },
    });
    const graphqlMs = await subscribers.all(t);
    subscribers.close();
    const message = JSON.stringify({ id: "1", type: "next", payload: { data: { slotsChanged: { slots: daySlots.data.slots.slots } } } });
    const rawMs = await rawBroadcast(n, message);
    fanOut.push({ subscribers: n, graphqlWsMs: Math.round(graphqlMs), rawWsBroadcastMs: Math.round(rawMs), payloadBytes: message.length });
    await new Promise((r) => setTimeout(r, 1000));
  }
  results.fanOut = fanOut;

  // ---- 4. the same bookings' statements without a gateway ------------------------------
  // The gateway stops first, so that nothing but these statements and PostgreSQL use the
  // machine (its outbox job would otherwise send the mails they write).
  await gateway.stop();
  const sqlOffice = await createBenchOffice(db, { slug: "bench-sql-only", counters: 12, services: 1, bookings: 0, today: localToday, durationMinutes: 10 });
  const sqlTarget = { tenantId: sqlOffice.tenantId, officeId: sqlOffice.officeId, serviceId: sqlOffice.serviceIds[0]!, counterIds: sqlOffice.counterIds };
  await runSqlOnlyBookings(db, sqlTarget, warmUpBookings, clients); // warm-up
  const sqlRaw = await rawInsertCeiling(database.url, bookingsTarget, sqlOffice.counterIds, backendPids);
  const sqlOnly = await measureCpu([], backendPids, () => runSqlOnlyBookings(db, { ...sqlTarget, firstIndex: warmUpBookings }, bookingsTarget, clients));
  results.bookingStatementsOnly = {
    scenario: `the 3 statements of a booking (hold, read, guarded write with history, outbox mail, audit) through the repository from ${clients} pg clients; no HTTP, no GraphQL`,
    ...sqlOnly.result,
    rawInsertCeilingPerSecond: sqlRaw.perSecond,
    ratioToCeiling: Math.round((sqlOnly.result.bookingsPerSecond / sqlRaw.perSecond) * 1000) / 1000,
    cpuMsPerBooking: perItem(sqlOnly.cpu, sqlOnly.result.bookings),
  };
} finally {
  await db.close();
  await gateway.stop();
  await database.drop();
}

const out = fileURLToPath(new URL("../../../bench-results/gateway.json", import.meta.url));
mkdirSync(fileURLToPath(new URL("../../../bench-results/", import.meta.url)), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
console.log(`wrote ${out}`);

// ---- 5. the opening rush (bench/rush/run-rush.ts): skipped with BENCH_RUSH=0 ------------
if (process.env.BENCH_RUSH !== "0") {
  const { runRushBenchmarks } = await import("./rush/run-rush.ts");
  await runRushBenchmarks();
}

// ---- 6. the bot fleet (bench/bot-fleet/run-bot-fleet.ts): skipped with BENCH_BOTS=0 -----
if (process.env.BENCH_BOTS !== "0") {
  await import("./bot-fleet/run-bot-fleet.ts");
}
