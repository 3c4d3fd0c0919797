/**
 * The opening rush (issue 17, item 6): citizens arrive at the release of six weeks of
 * appointments and book as the widget does (citizen.ts), against real gateway processes
 * (`NODE_ENV=production REQUEST_LOG=false`) on loopback. Part of `npm run bench` (after
 * bench/run.ts; `BENCH_RUSH=0` skips it); alone: `npx tsx services/gateway/bench/rush/run-rush.ts`.
 *
 * Targets (BENCH_RUSH_TARGETS, comma-separated, default all three):
 *   postgres-1  one instance on a fresh PostgreSQL database + Redis, BENCH_RUSH_CITIZENS (20,000)
 *   postgres-2  two instances on one fresh database + Redis, citizens split between them
 *   pglite      one instance on embedded PGlite (a temporary DATA_DIR), BENCH_RUSH_PGLITE_CITIZENS (2,000)
 *   waiting-room  as postgres-1, but the agency announced the release with a fair waiting room
 *               (not in the default list): citizens arrive over the window before the release,
 *               take a ticket, ask where they stand when the server says to, and book when
 *               admitted (in the order of their lots, BENCH_RUSH_ADMIT_PER_SECOND (the
 *               policy's default, 20) per second) — or stop when told the release is sold out
 * all over BENCH_RUSH_SECONDS (60). Defences (BENCH_RUSH_DEFENCES, default on): the gateways run
 * with the production defaults of the rate limits, the per-address hold and booking quotas and
 * the adaptive ALTCHA proof of work (one POW_SECRET for all instances of a run, no trusted
 * proxy: the citizens connect directly); citizens solve their challenges in
 * BENCH_RUSH_POW_WORKERS (1) worker threads; `off`: all three off, as before issue 16's
 * defences were part of the bench. Every citizen connects from their own loopback address
 * (client.ts); their counters in Redis are cleared before each target. Bounded: at most BENCH_RUSH_MAX_SOCKETS (4,096) sockets at
 * once, and every citizen still running BENCH_RUSH_DRAIN_SECONDS (120) after the window is
 * cut off. holdSlot asks with orNearest (BENCH_RUSH_HOLD=exact: the start alone). Writes
 * bench-results/rush-<target>.json and prints the table.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DEFAULT_TENANT_POLICY } from "@terminvergabe/core";
import { type Database, migrate, openDatabase } from "@terminvergabe/db";
import { createPostgresDatabase } from "@terminvergabe/db/testing";
import { type GatewayProcess, startGatewayProcess } from "../../test/processes.ts";
import { processCpuSeconds } from "../cpu.ts";
import { prng } from "../../../../packages/core/bench/prng.ts";
import { postJson } from "../load.ts";
import { type Citizen, RushStats, type RushScenario, runCitizen } from "./citizen.ts";
import { Redis } from "ioredis";
import { citizenAddress, citizenAddressGlobs, RushClient } from "./client.ts";
import { ProofOfWorkPool } from "./proof-of-work-pool.ts";
import { createRushOffice, type RushOffice } from "./office.ts";
import { type DatabaseChecks, type RushReport, rushReport, rushRows, rushTable } from "./report.ts";

const env = process.env;
const num = (name: string, fallback: number) => (env[name] === undefined || env[name] === "" ? fallback : Number(env[name]));
export const rushConfig = {
  citizens: num("BENCH_RUSH_CITIZENS", 20_000),
  pgliteCitizens: num("BENCH_RUSH_PGLITE_CITIZENS", 2_000),
  seconds: num("BENCH_RUSH_SECONDS", 60),
  drainSeconds: num("BENCH_RUSH_DRAIN_SECONDS", 120),
  maxSockets: num("BENCH_RUSH_MAX_SOCKETS", 4096),
  timeoutMs: num("BENCH_RUSH_TIMEOUT_MS", 30_000),
  counters: num("BENCH_RUSH_COUNTERS", 6),
  holdMode: (env.BENCH_RUSH_HOLD === "exact" ? "exact" : "nearest") as "exact" | "nearest",
  /** Rate limits, per-address quotas and proof of work as a release has them (default), or none. */
  defences: env.BENCH_RUSH_DEFENCES !== "off",
  powWorkers: Math.max(1, num("BENCH_RUSH_POW_WORKERS", 1)),
  targets: (env.BENCH_RUSH_TARGETS || "postgres-1,postgres-2,pglite").split(",").map((t) => t.trim()).filter(Boolean),
  baseUrl: env.BENCH_DATABASE_URL ?? env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
  redisUrl: env.BENCH_REDIS_URL ?? env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
};

const targets = {
  "postgres-1": { label: "PostgreSQL, 1 instance", database: "PostgreSQL + Redis", instances: 1, pglite: false },
  "postgres-2": { label: "PostgreSQL, 2 instances", database: "PostgreSQL + Redis", instances: 2, pglite: false },
  pglite: { label: "PGlite, 1 instance", database: "PGlite", instances: 1, pglite: true },
  "waiting-room": { label: "PostgreSQL, 1 instance, waiting room", database: "PostgreSQL + Redis", instances: 1, pglite: false },
} as const;
/** Waiting room: citizens arrive over the window before the release and are admitted at this pace after it. */
const WAITING_ROOM_ADMIT_PER_SECOND = num("BENCH_RUSH_ADMIT_PER_SECOND", DEFAULT_TENANT_POLICY.waitingRoomAdmitPerSecond);
/** Time from creating the agency to the first arrival (gateways start and warm up meanwhile). */
const WAITING_ROOM_SETUP_MS = 60_000;
type TargetName = keyof typeof targets;

const resultsDir = fileURLToPath(new URL("../../../../bench-results/", import.meta.url));
const localToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LIVE = `('HELD', 'PENDING_VERIFICATION', 'CONFIRMED')`;

/**
 * The kernel's TCP counters (machine-wide: other programs' connections count too), read
 * before and after a run: listen-queue overflows (the gateway did not accept connections
 * fast enough; their SYNs were dropped and retried after 1, 3, 7 … s) and connections reset
 * because they were closed with data unread.
 */
function tcpCounters(): Record<string, number> {
  const wanted: Record<string, string[]> = { TcpExt: ["ListenOverflows", "TCPAbortOnData", "TCPAbortOnClose"], Tcp: ["AttemptFails", "EstabResets"] };
  const counters: Record<string, number> = {};
  for (const file of ["/proc/net/netstat", "/proc/net/snmp"]) {
    let lines: string[];
    try {
      lines = readFileSync(file, "utf8").split("\n");
    } catch {
      continue;
    }
    for (let i = 0; i + 1 < lines.length; i += 2) {
      const [prefix, ...names] = lines[i]!.split(" ");
      const values = lines[i + 1]!.split(" ").slice(1);
      const group = prefix!.replace(":", "");
      for (const name of wanted[group] ?? []) {
        const at = names.indexOf(name);
        if (at >= 0) counters[name] = Number(values[at]);
      }
    }
  }
  return counters;
}

async function calendar(url: string, office: RushOffice, serviceId: string, from: string, to: string) {
  // The gateway may still be shedding load right after a run: wait it out like a client.
  for (let attempt = 0; ; attempt++) {
    try {
      return await calendarOnce(url, office, serviceId, from, to);
    } catch (error) {
      if (attempt >= 30 || !/OVERLOADED/.test((error as Error).message)) throw error;
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }
}

/**
 * The bench's own reads (warm-up, the calendar before and after) come from addresses no
 * citizen uses, so they neither spend a citizen's limits nor run into the rate limit
 * themselves (127.15.0.1 for the calendar, 127.15.1.n for the warm-up of instance n).
 */
const CALENDAR_ADDRESS = "127.15.0.1";
const warmUpAddress = (instance: number) => `127.15.1.${instance + 1}`;

async function calendarOnce(url: string, office: RushOffice, serviceId: string, from: string, to: string) {
  const { json } = await postJson(
    url,
    JSON.stringify({
      query: `query ($items: [RequestItemInput!]!, $from: Date!, $to: Date!) {
        availability(tenant: "${office.tenant}", office: "${office.office}", items: $items, from: $from, to: $to) {
          ... on AvailabilityCalendar { days { date status freeSlots } } } }`,
      variables: { items: [{ serviceId, quantity: 1 }], from, to },
    }),
    CALENDAR_ADDRESS,
  );
  const days = (json as { data?: { availability?: { days?: { status: string; freeSlots: number }[] } } }).data?.availability?.days;
  if (!days) throw new Error(`availability failed: ${JSON.stringify(json)}`);
  return { freeStartTimes: days.reduce((n, d) => n + d.freeSlots, 0), freeDays: days.filter((d) => d.status === "AVAILABLE").length };
}

/** Reads of the rush agency's calendar and a day's times, so the gateways' JIT has compiled them (a live gateway has). */
async function warmUp(urls: string[], office: RushOffice, serviceId: string) {
  const items = [{ serviceId, quantity: 1 }];
  const bodies = [
    JSON.stringify({
      query: `query ($items: [RequestItemInput!]!) { availability(tenant: "${office.tenant}", office: "${office.office}", items: $items, from: "${office.firstDay}", to: "${office.lastDay}") { __typename } }`,
      variables: { items },
    }),
    JSON.stringify({
      query: `query ($items: [RequestItemInput!]!) { slots(tenant: "${office.tenant}", office: "${office.office}", items: $items, date: "${office.firstDay}") { __typename } }`,
      variables: { items },
    }),
  ];
  for (const [n, url] of urls.entries()) {
    await Promise.all(Array.from({ length: 4 }, async () => {
      for (let i = 0; i < 50; i++) await postJson(url, bodies[i % 2]!, warmUpAddress(n));
    }));
  }
}

/**
 * Deletes the rate-limit, quota and proof-of-work counters of the citizens' and the
 * bench's own addresses in Redis: a run's citizens arrive with no history, as on a real
 * release (the proof of work's count per address lasts an hour, so an earlier run's would
 * raise their cost). Nobody else uses these addresses.
 */
async function clearAddressCounters(redisUrl: string, citizens: number): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    for (const glob of [...citizenAddressGlobs(citizens), "127.15.*"]) {
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", `tv:*${glob}`, "COUNT", 1000);
        cursor = next;
        if (keys.length > 0) deleted += await redis.del(...keys);
      } while (cursor !== "0");
    }
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** Gateway settings of the defences: production defaults (RATE_LIMITS and POW_* still apply when set), or all off. */
function defenceEnv(): Record<string, string> {
  if (!rushConfig.defences) return { RATE_LIMITS: "off", PROOF_OF_WORK: "off" };
  return {
    RATE_LIMITS: env.RATE_LIMITS ?? "",
    PROOF_OF_WORK: "on",
    // Several instances behind one address share the secret, as a deployment must.
    POW_SECRET: randomBytes(32).toString("hex"),
    // Direct connections: the socket's address is the client's.
    TRUST_PROXY: "",
  };
}

async function runTarget(name: TargetName, citizens: number): Promise<RushReport> {
  const target = targets[name];
  const today = localToday();
  const slug = `rush-${name}`;
  // As in production; ADMISSION_MAX_DELAY_MS empty = the gateway's default (test processes
  // turn admission control off otherwise).
  const gatewayEnv = { NODE_ENV: "production", REQUEST_LOG: "false", SEED_DEMO: "false", DEMO_PORT: "0", LOG_LEVEL: "info", ADMISSION_MAX_DELAY_MS: env.ADMISSION_MAX_DELAY_MS ?? "", ...defenceEnv() };
  let db: Database | undefined;
  let dataDir: string | undefined;
  let pgDatabase: { url: string; drop(): Promise<void> } | undefined;
  const gateways: GatewayProcess[] = [];
  const pool = rushConfig.defences ? new ProofOfWorkPool(rushConfig.powWorkers) : null;
  console.log(`rush ${name}: ${citizens} citizens in ${rushConfig.seconds} s, defences ${rushConfig.defences ? `on (${rushConfig.powWorkers} proof-of-work worker${rushConfig.powWorkers > 1 ? "s" : ""})` : "off"}`);
  try {
    // ---- the agency, created directly in the database before the gateways start -----------
    if (target.pglite) {
      dataDir = mkdtempSync(path.join(os.tmpdir(), "tv-rush-"));
      db = await openDatabase({ dataDir });
    } else {
      pgDatabase = await createPostgresDatabase(rushConfig.baseUrl);
      db = await openDatabase({ databaseUrl: pgDatabase.url, poolSize: 2 });
    }
    await migrate(db);
    const waitingRoom = name === "waiting-room";
    // The release: announced before the gateways start, at the end of the arrival window.
    const releaseAt = waitingRoom ? new Date(Date.now() + WAITING_ROOM_SETUP_MS + rushConfig.seconds * 1000) : null;
    const office = await createRushOffice(db, {
      slug,
      counters: rushConfig.counters,
      today,
      ...(releaseAt ? { release: { at: releaseAt, admitPerSecond: WAITING_ROOM_ADMIT_PER_SECOND } } : {}),
    });
    const serviceId = (await db.prisma.service.findFirstOrThrow({ where: { tenantId: office.tenantId } })).id;
    if (target.pglite) {
      await db.close(); // PGlite: one process per data directory
      db = undefined;
    }
    const instanceEnv = target.pglite
      ? { ...gatewayEnv, DATABASE_URL: "", REDIS_URL: "", DATA_DIR: dataDir! }
      : { ...gatewayEnv, DATABASE_URL: pgDatabase!.url, REDIS_URL: rushConfig.redisUrl };
    if (!target.pglite) console.log(`  cleared ${await clearAddressCounters(rushConfig.redisUrl, citizens)} counters of the bench's addresses in Redis`);
    for (let i = 0; i < target.instances; i++) gateways.push(await startGatewayProcess(instanceEnv));
    const urls = gateways.map((g) => `http://127.0.0.1:${g.port}/graphql`);

    await warmUp(urls, office, serviceId);
    // Starts free at the opening: distinct free times × counters (every counter serves every
    // concern on one non-overlapping 15-minute lattice, and nothing is booked yet).
    const opening = await calendar(urls[0]!, office, serviceId, today, office.lastDay);
    const freeStartsAtOpening = opening.freeStartTimes * office.counters;

    const backendPids = async () =>
      db ? (await db.sql.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database()", [])).map((r) => Number(r.pid)) : [];
    const deadlocks = async () => {
      if (!db) return null;
      await db.sql.query("SELECT pg_stat_clear_snapshot()", []);
      return Number((await db.sql.query<{ deadlocks: string }>("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()", []))[0]?.deadlocks ?? 0);
    };
    const deadlocksBefore = await deadlocks();
    const pgCpuBefore = new Map((await backendPids()).map((pid) => [pid, processCpuSeconds(pid)]));
    const gatewayCpuBefore = gateways.map((g) => processCpuSeconds(g.child.pid!));
    const clientCpuBefore = process.cpuUsage();
    const tcpBefore = tcpCounters();

    // ---- the rush ------------------------------------------------------------------------
    const random = prng(20_260_112);
    const windowMs = rushConfig.seconds * 1000;
    if (releaseAt) {
      // Arrivals fill the window that ends at the release.
      const early = releaseAt.getTime() - windowMs - Date.now();
      if (early > 0) await sleep(early);
      else console.log(`  set-up took ${Math.round(-early / 1000)} s too long: arrivals start late`);
    }
    const arrivals = Array.from({ length: citizens }, () => random() * windowMs).sort((a, b) => a - b);
    const client = new RushClient({ maxSockets: rushConfig.maxSockets, timeoutMs: rushConfig.timeoutMs });
    const stats = new RushStats();
    const t0 = performance.now();
    const scenario: RushScenario = {
      client,
      stats,
      tenant: office.tenant,
      office: office.office,
      from: today,
      to: office.lastDay,
      random,
      // With the waiting room, admitting everyone takes citizens / pace at most (a sold-out release ends it sooner).
      deadline: t0 + windowMs + (waitingRoom ? Math.ceil(citizens / WAITING_ROOM_ADMIT_PER_SECOND) * 1000 : 0) + rushConfig.drainSeconds * 1000,
      max503PerRequest: 30,
      thinkMs: [2000, 5000],
      holdMode: rushConfig.holdMode,
      waitingRoom,
      proofOfWork: pool,
    };
    const running: Promise<unknown>[] = [];
    const hardStop = setTimeout(() => client.abortAll(), scenario.deadline - t0);
    const ticker = setInterval(() => {
      const done = [...stats.outcomes.values()].reduce((a, b) => a + b, 0);
      console.log(
        `  ${Math.round((performance.now() - t0) / 1000)} s: ${running.length} arrived, ${done} done, ${stats.outcomes.get("booked") ?? 0} booked, ` +
          `${stats.op("holdSlot").rejectedMs.length + stats.op("availability").rejectedMs.length} 503s (hold+availability), ` +
          `${[...stats.ops.values()].reduce((n, o) => n + o.rateLimited, 0)} 429s, ${client.queued()} waiting for a socket` +
          (pool ? `, ${pool.stats.solves} solved, ${pool.queued()} waiting for a solver` : ""),
      );
    }, 10_000);
    for (let i = 0; i < citizens; i++) {
      const wait = t0 + arrivals[i]! - performance.now();
      if (wait > 1) await sleep(wait);
      const citizen: Citizen = {
        index: i,
        tenth: Math.floor((i * 10) / citizens),
        email: `citizen${i}@rush.example.org`,
        url: urls[i % urls.length]!,
        address: citizenAddress(i),
      };
      running.push(runCitizen(scenario, citizen));
    }
    await Promise.all(running);
    clearTimeout(hardStop);
    clearInterval(ticker);
    const runSeconds = Math.round((performance.now() - t0) / 100) / 10;
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const tcpAfter = tcpCounters();
    const kernelTcp = Object.fromEntries(Object.entries(tcpAfter).map(([k, v]) => [k, v - (tcpBefore[k] ?? 0)]));
    const gatewayCpu = gateways.map((g, i) => Math.round((processCpuSeconds(g.child.pid!) - gatewayCpuBefore[i]!) * 100) / 100);
    let pgCpu: number | null = null;
    if (db) {
      pgCpu = 0;
      for (const pid of await backendPids()) pgCpu += processCpuSeconds(pid) - (pgCpuBefore.get(pid) ?? 0);
      pgCpu = Math.round(pgCpu * 100) / 100;
    }
    client.close();
    const after = await calendar(urls[0]!, office, serviceId, today, office.lastDay);

    // ---- what the database says ------------------------------------------------------------
    for (const g of gateways.splice(0)) await g.stop();
    if (target.pglite) db = await openDatabase({ dataDir: dataDir! });
    await sleep(1000); // backends report their statistics when they end
    const live = await db!.sql.query<{ email: string; status: string }>(
      `SELECT "emailNormalized" AS email, status::text AS status FROM "Booking" WHERE "tenantId" = $1 AND status IN ${LIVE}`,
      [office.tenantId],
    );
    const liveEmails = new Set(live.filter((b) => b.status !== "HELD").map((b) => b.email));
    const overlapping = await db!.sql.query<{ n: string }>(
      `SELECT count(*) AS n FROM "Booking" a JOIN "Booking" b
         ON a."counterId" = b."counterId" AND a.id < b.id AND a."startsAt" < b."endsAt" AND b."startsAt" < a."endsAt"
       WHERE a."tenantId" = $1 AND a.status IN ${LIVE} AND b.status IN ${LIVE}`,
      [office.tenantId],
    );
    const deadlocksAfter = await deadlocks();
    const checks: DatabaseChecks = {
      freeStartsAtOpening,
      liveBookingsAtEnd: liveEmails.size,
      holdsAtEnd: live.filter((b) => b.status === "HELD").length,
      freeStartTimesAfter: after.freeStartTimes,
      freeDaysAfter: after.freeDays,
      doubleBookings: Number(overlapping[0]?.n ?? 0),
      committedReportedFailed: [...stats.confirmSeenFailed].filter((e) => liveEmails.has(e)).length,
      reportedBookedWithoutBooking: [...stats.confirmedEmails].filter((e) => !liveEmails.has(e)).length,
      deadlocks: deadlocksBefore === null || deadlocksAfter === null ? null : deadlocksAfter - deadlocksBefore,
    };
    return rushReport(
      {
        target: name,
        label: target.label,
        database: target.database,
        instances: target.instances,
        citizens,
        windowSeconds: rushConfig.seconds,
        counters: office.counters,
        runSeconds,
        cutOff: performance.now() > scenario.deadline,
        maxSockets: rushConfig.maxSockets,
        maxRequestsInFlight: client.maxInFlight,
        staleConnectionRetries: client.staleConnectionRetries,
        kernelTcp,
        holdMode: rushConfig.holdMode,
        ...(waitingRoom ? { admitPerSecond: WAITING_ROOM_ADMIT_PER_SECOND } : {}),
        localAddresses: `${citizenAddress(0)} … ${citizenAddress(citizens - 1)} (one per citizen)`,
        idleSocketsClosedForOthers: client.idleEvictions,
        defences: rushConfig.defences,
        proofOfWork: pool ? { workers: pool.size, ...pool.stats } : null,
        cpuSeconds: { gateways: gatewayCpu, postgres: pgCpu, loadGenerator: Math.round(((clientCpu.user + clientCpu.system) / 1e6) * 100) / 100 },
      },
      stats,
      checks,
    );
  } finally {
    await pool?.close();
    for (const g of gateways) await g.stop();
    await db?.close();
    await pgDatabase?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs the configured targets one after the other; writes their JSON and prints the table. */
export async function runRushBenchmarks(): Promise<RushReport[]> {
  const reports: RushReport[] = [];
  mkdirSync(resultsDir, { recursive: true });
  for (const name of rushConfig.targets) {
    if (!(name in targets)) throw new Error(`unknown rush target ${name} (${Object.keys(targets).join(", ")})`);
    const report = await runTarget(name as TargetName, name === "pglite" ? rushConfig.pgliteCitizens : rushConfig.citizens);
    const out = path.join(resultsDir, `rush-${name}.json`);
    writeFileSync(out, `${JSON.stringify({ ...report, rows: rushRows(report), machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version } }, null, 2)}\n`);
    console.log(`wrote ${out}`);
    reports.push(report);
  }
  if (reports.length > 0) console.log(`\n${rushTable(reports)}\n`);
  return reports;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  if (env.BENCH_RUSH === "0") console.log("BENCH_RUSH=0: rush benchmark skipped");
  else await runRushBenchmarks();
}
