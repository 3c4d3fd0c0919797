import { type Database, JobRepository, openDatabase } from "@terminvergabe/db";
import { createPostgresDatabase } from "@terminvergabe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, startGatewayProcess } from "../../test/processes.ts";

const pgUrl = process.env.TEST_DATABASE_URL;
// Several processes on one database need a real server; CI (.ci/run) always provides one.
const targets = pgUrl ? [{ name: "postgres", pgUrl }] : [];

/** The jobIds of one log event in a process's output, with the attempt each line reports. */
function logged(output: string, event: string): { jobId: string; attempts: number }[] {
  return output
    .split("\n")
    .filter((line) => line.includes(`"event":"${event}"`))
    .map((line) => JSON.parse(line) as { jobId: string; attempts: number });
}

async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await condition()); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(targets)("the job queue with two gateway processes on one database ($name)", ({ pgUrl }) => {
  let database: { url: string; drop(): Promise<void> };
  let db: Database;
  let jobs: JobRepository;
  let a: GatewayProcess;
  let b: GatewayProcess;

  beforeAll(async () => {
    database = await createPostgresDatabase(pgUrl);
    const env = {
      DATABASE_URL: database.url,
      SEED_DEMO: "false",
      JOB_INTERVAL_MS: "200",
      // A short lease, so that a killed process's job is taken over in seconds.
      JOB_LEASE_MS: "2000",
      JOB_TEST_KINDS: "test.sleep",
      JOB_CRON: "hold-expiry=* * * * * *",
    };
    [a, b] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
    db = await openDatabase({ databaseUrl: database.url });
    jobs = new JobRepository(db);
  });
  afterAll(async () => {
    a?.child.kill("SIGKILL");
    b?.child.kill("SIGKILL");
    await Promise.all([a?.exit, b?.exit]);
    await db?.close();
    await database?.drop();
  });

  it("runs each job exactly once, also jobs that outlast their lease and every recurring occurrence", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 80; i++) {
      // Every tenth job runs longer than the 2 s lease: only renewing keeps the other process off it.
      const ms = i % 10 === 0 ? 3_000 : 10 + (i % 5) * 10;
      ids.push((await jobs.enqueue({ kind: "test.sleep", payload: { ms }, jobKey: `test:once:${i}`, runAt: new Date() }))!);
    }
    const finished = async () =>
      (await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Job" WHERE "jobKey" LIKE 'test:once:%' AND "finishedAt" IS NOT NULL`, []))[0]!.n;
    await until(async () => (await finished()) === ids.length, 60_000, "all jobs to finish");

    const startedA = logged(a.output(), "job.test_started");
    const startedB = logged(b.output(), "job.test_started");
    const started = [...startedA, ...startedB].map((s) => s.jobId).sort();
    expect(started).toEqual([...ids].sort());
    expect(startedA.length).toBeGreaterThan(0);
    expect(startedB.length).toBeGreaterThan(0);
    const rows = await db.sql.query<{ attempts: number; lastError: string | null }>(
      `SELECT attempts, "lastError" FROM "Job" WHERE "jobKey" LIKE 'test:once:%'`,
      [],
    );
    expect(rows.every((r) => Number(r.attempts) === 1 && r.lastError === null)).toBe(true);

    // Both processes enqueue every second's hold expiry; each occurrence exists once and ran once.
    const occurrences = await db.sql.query<{ jobKey: string; attempts: number; lockedBy: string }>(
      `SELECT "jobKey", attempts, "lockedBy" FROM "Job" WHERE kind = 'hold-expiry' AND "finishedAt" IS NOT NULL`,
      [],
    );
    expect(occurrences.length).toBeGreaterThanOrEqual(3);
    expect(occurrences.every((o) => Number(o.attempts) === 1)).toBe(true);
    expect(occurrences.every((o) => /^cron:hold-expiry:.*\.000Z$/.test(o.jobKey))).toBe(true);
  });

  it("finishes the job of a process killed in the middle of it on the other process, within 60 s", async () => {
    const id = (await jobs.enqueue({ kind: "test.sleep", payload: { ms: 4_000 }, jobKey: "test:kill", runAt: new Date() }))!;
    const runningOn = () => [a, b].find((p) => logged(p.output(), "job.test_started").some((s) => s.jobId === id));
    await until(async () => runningOn() !== undefined, 10_000, "the job to start");
    const victim = runningOn()!;
    const survivor = victim === a ? b : a;
    victim.child.kill("SIGKILL");
    await victim.exit;
    const killedAt = Date.now();
    expect((await jobs.find(id))?.finishedAt).toBeNull();

    await until(async () => (await jobs.find(id))?.finishedAt != null, 60_000, "the other process to finish the job");
    const tookMs = Date.now() - killedAt;
    expect(tookMs).toBeLessThan(60_000);
    // The survivor ran it as the second attempt, after the victim's lease ran out.
    expect(logged(survivor.output(), "job.test_started").filter((s) => s.jobId === id)).toEqual([{ jobId: id, attempts: 2 }].map((e) => expect.objectContaining(e)));
    expect(logged(survivor.output(), "job.test_finished").some((s) => s.jobId === id)).toBe(true);
    expect(await jobs.find(id)).toMatchObject({ attempts: 2, lastError: null, lockedBy: expect.not.stringContaining(String(victim.child.pid)) });
    console.log(`killed process's job finished by the other ${tookMs} ms after the kill (lease 2 s, job 4 s)`);
  });
});
