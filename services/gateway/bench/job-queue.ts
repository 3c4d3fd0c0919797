/**
 * The job queue's claim cost (`npm run bench:jobs -w @terminvergabe/gateway`; part of
 * `npm run bench`). On a fresh PostgreSQL database and on in-memory PGlite:
 *
 * 1. enqueue: N jobs one statement each (tv_add_job) from 8 concurrent clients;
 * 2. claim + complete: 4 workers claim batches of 10 (FOR UPDATE SKIP LOCKED, lease) and
 *    complete each job with its own statement, as the runner does, until none is left;
 *    jobs/s = N over the time of both phases, i.e. the queue's whole cost per job;
 * 3. through the runner: N jobs inserted at once, then a JobRunner (concurrency 4) with a
 *    task that does nothing runs them all — the queue plus the runner's bookkeeping.
 *
 * Writes bench-results/job-queue.json at the repository root; 15–30 s in all.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { type Database, JobRepository, migrate, openDatabase } from "@terminvergabe/db";
import { createPostgresDatabase } from "@terminvergabe/db/testing";
import { createLogger } from "../src/logger.ts";
import { startJobRunner } from "../src/jobs/runner.ts";

const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const jobsOnPostgres = Number(process.env.BENCH_JOBS ?? 2000);
const jobsOnPglite = Math.round(jobsOnPostgres / 2);

const perSecond = (n: number, ms: number) => Math.round((n * 1000) / ms);

async function pool<T>(workers: number, work: (worker: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: workers }, (_, i) => work(i)));
}

async function measure(db: Database, jobs: number) {
  const repo = new JobRepository(db);
  await db.sql.query(`DELETE FROM "Job"`, []);
  // Warm-up: plans, prepared statements, the index's first pages.
  for (let i = 0; i < 200; i++) await repo.enqueue({ kind: "bench", runAt: new Date() });
  for (let batch; (batch = await repo.claim({ workerId: "warm-up", kinds: ["bench"], now: new Date(), leaseMs: 30_000, limit: 10 })).length; ) {
    for (const job of batch) await repo.complete(job, new Date());
  }

  const runAt = new Date();
  let enqueued = 0;
  const t0 = performance.now();
  await pool(8, async () => {
    while (enqueued < jobs) {
      enqueued++;
      await repo.enqueue({ kind: "bench", payload: { n: enqueued }, runAt });
    }
  });
  const t1 = performance.now();
  const completed = await pool(4, async (w) => {
    let done = 0;
    for (;;) {
      const batch = await repo.claim({ workerId: `bench-${w}`, kinds: ["bench"], now: new Date(), leaseMs: 30_000, limit: 10 });
      if (batch.length === 0) return done;
      for (const job of batch) if (await repo.complete(job, new Date())) done++;
    }
  });
  const t2 = performance.now();
  const done = completed.reduce((a, b) => a + b, 0);
  if (done !== jobs) throw new Error(`completed ${done} of ${jobs} jobs`);

  // Through the runner: a no-op task, N jobs due at once.
  await db.sql.query(
    `INSERT INTO "Job" (kind, "runAt") SELECT 'bench-runner', $2::timestamptz FROM generate_series(1, $1::int)`,
    [jobs, new Date()],
  );
  let ran = 0;
  const t3 = performance.now();
  const runner = startJobRunner({
    db,
    logger: createLogger("silent"),
    pollIntervalMs: 1_000,
    tasks: [{ kind: "bench-runner", run: async () => void ran++ }],
  });
  await runner.drain();
  const t4 = performance.now();
  await runner.stop();
  if (ran !== jobs) throw new Error(`the runner ran ${ran} of ${jobs} jobs`);

  return {
    jobs,
    enqueuePerSecond: perSecond(jobs, t1 - t0),
    claimCompletePerSecond: perSecond(jobs, t2 - t1),
    // The whole cost of a job in the queue: enqueue + claim + complete.
    jobsPerSecond: perSecond(jobs, t2 - t0),
    msPerJob: Math.round(((t2 - t0) / jobs) * 1000) / 1000,
    throughRunnerPerSecond: perSecond(jobs, t4 - t3),
  };
}

const started = performance.now();
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version },
  scenario: "enqueue from 8 clients (one statement per job); 4 workers claim batches of 10 and complete each job; then the same number through a JobRunner (concurrency 4) with a no-op task",
};

const database = await createPostgresDatabase(baseUrl);
try {
  const db = await openDatabase({ databaseUrl: database.url, poolSize: 10 });
  try {
    await migrate(db);
    results.postgres = await measure(db, jobsOnPostgres);
  } finally {
    await db.close();
  }
} finally {
  await database.drop();
}

const pglite = await openDatabase({ dataDir: ":memory:" });
try {
  await migrate(pglite);
  results.pglite = await measure(pglite, jobsOnPglite);
} finally {
  await pglite.close();
}
results.seconds = Math.round((performance.now() - started) / 100) / 10;

const dir = new URL("../../../bench-results/", import.meta.url);
mkdirSync(fileURLToPath(dir), { recursive: true });
const out = fileURLToPath(new URL("job-queue.json", dir));
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
console.log(`wrote ${out}`);
