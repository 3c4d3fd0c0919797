/**
 * Bot-fleet benchmark (issue 16, item 4): a release of one week's slots at a fixed time,
 * 2,000 citizens (one hold + confirm each, with human think time, each from its own
 * address, arriving over the first minute) against 100 bots on 100 loopback addresses
 * (127.0.0.2 …) that do all they can with throw-away mailboxes for 60 s — against one real
 * gateway process on a fresh PostgreSQL database with every defence at its default (rate
 * limits, holds and bookings per address, proof of work, admission control).
 *
 * Part of `npm run bench` (BENCH_BOTS=0 skips it); alone: `npx tsx services/gateway/bench/bot-fleet/run-bot-fleet.ts`.
 * BENCH_BOT_CITIZENS (2,000), BENCH_BOTS (100), BENCH_BOT_SECONDS (60), BENCH_BOT_COUNTERS (15).
 * Writes bench-results/bot-fleet.json: the bots' share of the booked slots (target ≤ 5 %),
 * the citizens' success rate and their requests' p50/p99.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { migrate, openDatabase } from "@terminvergabe/db";
import { createPostgresDatabase } from "@terminvergabe/db/testing";
import { startGatewayProcess } from "../../test/processes.ts";
import { addDays } from "../fixture.ts";
import { percentile } from "../load.ts";
import { AddressClient, AVAILABILITY, CONFIRM, HOLD, type Reply, SLOTS, sleep } from "./client.ts";

const env = process.env;
const num = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
const citizens = num("BENCH_BOT_CITIZENS", 2_000);
const bots = num("BENCH_BOTS", 100);
const seconds = num("BENCH_BOT_SECONDS", 60);
const counters = num("BENCH_BOT_COUNTERS", 15);
const baseUrl = env.BENCH_DATABASE_URL ?? env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
const database = await createPostgresDatabase(baseUrl);
const db = await openDatabase({ databaseUrl: database.url });
await migrate(db);

// ---- the agency: one week of weekday appointments released at once ---------------------
const p = db.prisma;
const tenant = await p.tenant.create({
  data: {
    slug: "bot-stadt",
    name: { de: "Bot-Stadt – Bürgerservice", en: "Bot City – Citizens' Service" },
    contactEmail: "buergerservice@example.org",
    policy: { slotGridMinutes: 15, minNoticeMinutes: 0, horizonDays: 14, holdMinutes: 10, maxActiveBookingsPerPerson: 1, noShowLimit: 0 },
  },
});
const office = await p.office.create({
  data: { tenantId: tenant.id, slug: "rathaus", name: { de: "Rathaus", en: "Town hall" }, street: "Markt 1", postalCode: "12345", city: "Bot-Stadt" },
});
const service = await p.service.create({
  data: { tenantId: tenant.id, slug: "ausweis", name: { de: "Personalausweis", en: "ID card" }, category: { de: "Ausweise", en: "IDs" }, durationMinutes: 15, maxQuantity: 1 },
});
for (let i = 1; i <= counters; i++) {
  const counter = await p.counter.create({ data: { tenantId: tenant.id, officeId: office.id, name: `Schalter ${i}` } });
  await p.counterService.create({ data: { tenantId: tenant.id, counterId: counter.id, serviceId: service.id } });
}
const firstDay = addDays(today, 1);
const lastDay = addDays(today, 7);
for (const [startTime, endTime] of [["08:00", "12:00"], ["13:00", "16:00"]] as const) {
  await p.scheduleRule.create({
    data: {
      tenantId: tenant.id,
      officeId: office.id,
      kind: "APPOINTMENT",
      rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
      startTime,
      endTime,
      validFrom: new Date(`${firstDay}T00:00:00Z`),
      validUntil: new Date(`${addDays(lastDay, 1)}T00:00:00Z`),
    },
  });
}
const days = Array.from({ length: 7 }, (_, i) => addDays(firstDay, i)).filter((d) => ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()));
const capacity = days.length * 28 * counters;

// ---- the gateway with every defence at its default ------------------------------------
const gateway = await startGatewayProcess({
  NODE_ENV: "production",
  DATABASE_URL: database.url,
  SEED_DEMO: "false",
  REQUEST_LOG: "false",
  JOB_INTERVAL_MS: "1000",
  RATE_LIMITS: "",
  PROOF_OF_WORK: "on",
  ADMISSION_MAX_DELAY_MS: "",
});
const url = `http://127.0.0.1:${gateway.port}/graphql`;
const items = [{ serviceId: service.id, quantity: 1 }];

// ---- the bots, in a process of their own ------------------------------------------------
const botsDone = new Promise<{ booked: number; counts: Record<string, number>; proofSeconds: number }>((resolve, reject) => {
  // At the lowest CPU priority: real bots hash on machines of their own, not on the gateway's.
  const child = spawn("nice", ["-n", "19", process.execPath, "--import", "tsx", fileURLToPath(new URL("./bots.ts", import.meta.url))], {
    env: { ...env, BOT_URL: url, BOT_TENANT: "bot-stadt", BOT_OFFICE: office.id, BOT_SERVICE: service.id, BOT_DAYS: days.join(","), BOTS: String(bots), SECONDS: String(seconds) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (c) => (out += c));
  child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!)) : reject(new Error(`bots exited ${code}: ${out}`))));
});

// ---- the citizens ------------------------------------------------------------------------
const latencies: Record<string, number[]> = {};
const outcomes: Record<string, number> = {};
const note = (key: string): void => {
  outcomes[key] = (outcomes[key] ?? 0) + 1;
};
const think = (min: number, max: number) => sleep((min + Math.random() * (max - min)) * 1000);

/** A request as the widget sends it: a 429 or 503 is waited out (Retry-After, at most 10 s) and sent again, eight times at most. */
async function call(client: AddressClient, op: string, query: string, variables: Record<string, unknown>): Promise<Reply> {
  for (let attempt = 0; ; attempt++) {
    const reply = await client.post(query, variables);
    (latencies[op] ??= []).push(reply.ms);
    if ((reply.status !== 429 && reply.status !== 503) || attempt === 8) return reply;
    note(`${op}:http-${reply.status}-retried`);
    await sleep(Math.min(10, reply.retryAfterSeconds ?? 1) * 1000);
  }
}

/** A solved challenge; throws when none came (the widget would show an error and a retry button). */
async function proof(client: AddressClient): Promise<string> {
  const reply = await call(client, "proofOfWorkChallenge", `query ($tenant: String!) { proofOfWorkChallenge(tenant: $tenant) { algorithm challenge salt signature maxNumber } }`, { tenant: "bot-stadt" });
  const challenge = reply.json?.data?.proofOfWorkChallenge;
  if (!challenge) throw new Error(`challenge:http-${reply.status}`);
  const { solveProofOfWork } = await import("../../test/proof-of-work-solver.ts");
  return solveProofOfWork(challenge);
}

async function citizen(i: number): Promise<void> {
  const client = new AddressClient(url, `127.1.${i >> 8}.${i & 255}`);
  try {
    const calendar = await call(client, "availability", AVAILABILITY, { tenant: "bot-stadt", office: office.id, items, from: firstDay, to: lastDay });
    const free = ((calendar.json?.data?.availability?.days ?? []) as { date: string; freeSlots: number }[]).filter((d) => d.freeSlots > 0);
    if (free.length === 0) return note(calendar.status === 200 ? "nothing-free" : `availability:http-${calendar.status}`);
    const day = free[Math.floor(Math.random() * free.length)]!.date;
    const list = await call(client, "slots", SLOTS, { tenant: "bot-stadt", office: office.id, items, date: day });
    const starts = ((list.json?.data?.slots?.slots ?? []) as { start: string }[]).map((s) => s.start);
    if (starts.length === 0) return note("no-time-on-day");
    await think(3, 8);
    let start = starts[Math.floor(Math.random() * starts.length)]!;
    let hold: { __typename: string; id: string; token: string; alternatives?: { start: string }[]; code?: string } | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const reply = await call(client, "holdSlot", HOLD, { input: { tenant: "bot-stadt", office: office.id, items, start, orNearest: true, proofOfWork: await proof(client) } });
      hold = reply.json?.data?.holdSlot;
      if (!hold || hold.__typename !== "SlotUnavailable" || !hold.alternatives?.length) break;
      start = hold.alternatives[0]!.start;
    }
    if (hold?.__typename !== "Hold") return note(`hold:${hold?.code ?? hold?.__typename ?? "no-answer"}`);
    await think(10, 20);
    const reply = await call(client, "confirmBooking", CONFIRM, {
      input: { holdId: hold.id, token: hold.token, contact: { name: `Bürgerin ${i}`, email: `buergerin-${i}@example.org` }, consent: true, proofOfWork: await proof(client) },
    });
    const confirmed = reply.json?.data?.confirmBooking;
    note(confirmed?.__typename === "BookingConfirmation" ? "booked" : `confirm:${confirmed?.code ?? confirmed?.__typename ?? `http-${reply.status}`}`);
  } catch (error) {
    note((error as Error).message);
  } finally {
    client.close();
  }
}

const started = performance.now();
const runs: Promise<void>[] = [];
for (let i = 1; i <= citizens; i++) {
  // Arrivals spread over the window (the release moment is t = 0 for the bots, already waiting).
  runs.push(sleep(Math.random() * seconds * 1000).then(() => citizen(i)));
}
const [fleet] = await Promise.all([botsDone, Promise.all(runs)]);
const wallSeconds = (performance.now() - started) / 1000;

const [row] = await db.sql.query<{ bots: number; citizens: number }>(
  `SELECT count(*) FILTER (WHERE "contactEmail" LIKE '%@wegwerf.example')::int AS bots,
          count(*) FILTER (WHERE "contactEmail" LIKE '%@example.org')::int AS citizens
     FROM "Booking" WHERE "tenantId" = $1::uuid AND status IN ('CONFIRMED', 'PENDING_VERIFICATION')`,
  [tenant.id],
);
const all = Object.values(latencies).flat().sort((a, b) => a - b);
const round = (n: number) => Math.round(n * 10) / 10;
const result = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version },
  scenario: { citizens, bots, botAddresses: bots, seconds, counters, days: days.length, capacity, database: "PostgreSQL (fresh database)", defences: "defaults" },
  slots: {
    booked: row!.bots + row!.citizens,
    byBots: row!.bots,
    byCitizens: row!.citizens,
    botShare: Math.round((row!.bots / Math.max(1, row!.bots + row!.citizens)) * 10_000) / 100,
  },
  citizens: {
    successRate: Math.round(((outcomes.booked ?? 0) / citizens) * 10_000) / 100,
    outcomes,
    requestMs: { p50: round(percentile(all, 50)), p99: round(percentile(all, 99)) },
    byOperation: Object.fromEntries(
      Object.entries(latencies).map(([op, ms]) => {
        const sorted = [...ms].sort((a, b) => a - b);
        return [op, { n: sorted.length, p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)) }];
      }),
    ),
  },
  bots: fleet,
  wallSeconds: round(wallSeconds),
};
const out = fileURLToPath(new URL("../../../../bench-results/", import.meta.url));
mkdirSync(out, { recursive: true });
writeFileSync(`${out}bot-fleet.json`, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify({ slots: result.slots, citizens: { successRate: result.citizens.successRate, requestMs: result.citizens.requestMs, outcomes }, bots: fleet }, null, 2));

await gateway.stop();
await db.close();
await database.drop();
