import { JobRepository } from "@terminvergabe/db";
import { type TestDatabase, testTargets } from "@terminvergabe/db/testing";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../logger.ts";
import { type JobRunner, PermanentJobError, startJobRunner, type Task } from "./runner.ts";

const logger = createLogger("silent");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await condition()); ) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(20);
  }
}

describe.each(testTargets())("job runner ($name)", (target) => {
  let t: TestDatabase;
  let repo: JobRepository;
  const runners: JobRunner[] = [];
  beforeAll(async () => {
    t = await target.create({ poolSize: 10 });
    repo = new JobRepository(t.db);
  });
  afterAll(async () => t?.dispose());
  beforeEach(async () => {
    await t.db.prisma.job.deleteMany();
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });

  function runner(tasks: Task[], options: { leaseMs?: number; workerId?: string; concurrency?: number } = {}): JobRunner {
    const r = startJobRunner({ db: t.db, logger, tasks, pollIntervalMs: 100, ...options });
    runners.push(r);
    return r;
  }

  it("runs an enqueued job at once, and a job enqueued elsewhere at the next poll", async () => {
    const ran: unknown[] = [];
    const r = runner([{ kind: "echo", run: async ({ job }) => void ran.push(job.payload) }]);
    const id = await r.enqueue({ kind: "echo", payload: { n: 1 } });
    await until(() => ran.length === 1);
    expect(ran).toEqual([{ n: 1 }]);
    await until(async () => (await repo.find(id!)) === null); // keyless: deleted when done
    await repo.enqueue({ kind: "echo", payload: { n: 2 }, runAt: new Date() });
    await until(() => ran.length === 2);
    await expect(r.enqueue({ kind: "unknown" })).rejects.toThrow(/no task/);
  });

  it("retries a failing job with backoff and records the last error; a permanent error gives up at once", async () => {
    let calls = 0;
    const r = runner([
      {
        kind: "flaky",
        run: async () => {
          calls++;
          if (calls < 3) throw new Error(`failure ${calls}`);
        },
      },
      { kind: "broken", run: async () => Promise.reject(new PermanentJobError("cannot read payload")) },
    ]);
    const flaky = await r.enqueue({ kind: "flaky", jobKey: "flaky", backoffMs: 100 });
    const broken = await r.enqueue({ kind: "broken", jobKey: "broken" });
    await until(async () => (await repo.find(flaky!))?.finishedAt != null);
    expect(await repo.find(flaky!)).toMatchObject({ attempts: 3, lastError: null });
    await until(async () => (await repo.find(broken!))?.finishedAt != null);
    expect(await repo.find(broken!)).toMatchObject({ attempts: 1, lastError: "cannot read payload" });
  });

  it("renews the lease of a job that runs longer than the lease, so no other runner takes it over", async () => {
    const starts: string[] = [];
    const slow = (name: string): Task => ({
      kind: "slow",
      run: async () => {
        starts.push(name);
        await sleep(1_500);
      },
    });
    const a = runner([slow("a")], { leaseMs: 500, workerId: "a" });
    runner([slow("b")], { leaseMs: 500, workerId: "b" });
    const id = await a.enqueue({ kind: "slow", jobKey: "slow" });
    await until(async () => (await repo.find(id!))?.finishedAt != null, 15_000);
    expect(starts).toHaveLength(1);
    expect(await repo.find(id!)).toMatchObject({ attempts: 1, lastError: null });
  });

  it("runs each occurrence of a recurring job once, however many runners schedule it", async () => {
    const ran: string[] = [];
    const task = (name: string): Task => ({ kind: "tick", cron: "* * * * * *", run: async ({ job }) => void ran.push(`${name} ${job.jobKey}`) });
    runner([task("a")], { workerId: "a" });
    runner([task("b")], { workerId: "b" });
    runner([task("c")], { workerId: "c" });
    await until(() => ran.length >= 3, 10_000);
    const keys = ran.map((line) => line.split(" ")[1]);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^cron:tick:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    const rows = await t.db.prisma.job.findMany({ where: { kind: "tick", finishedAt: { not: null } } });
    expect(rows.every((row) => row.attempts === 1)).toBe(true);
  });

  it("runs many jobs from several runners exactly once each", async () => {
    const ran: string[] = [];
    const task: Task = { kind: "count", run: async ({ job }) => void ran.push(job.id) };
    const rs = [runner([task], { workerId: "a" }), runner([task], { workerId: "b" })];
    const ids = [];
    for (let i = 0; i < 60; i++) ids.push(await repo.enqueue({ kind: "count", jobKey: `count:${i}`, runAt: new Date() }));
    rs.forEach((r) => r.kick());
    await until(() => ran.length >= 60);
    await Promise.all(rs.map((r) => r.drain()));
    expect(ran.sort()).toEqual([...ids].sort());
  });

  it("signals a running job when the runner stops, and the attempt is retried later", async () => {
    let started = false;
    const r = runner([
      {
        kind: "long",
        run: ({ signal }) =>
          new Promise((_, reject) => {
            started = true;
            signal.addEventListener("abort", () => reject(new Error("stopped")));
          }),
      },
    ]);
    const id = await r.enqueue({ kind: "long", jobKey: "long" });
    await until(() => started);
    await r.stop();
    const row = await repo.find(id!);
    expect(row).toMatchObject({ attempts: 1, lastError: "stopped", finishedAt: null, lockedUntil: null });
  });
});
