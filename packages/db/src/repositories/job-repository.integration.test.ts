import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type TestDatabase, testTargets } from "../testing/index.ts";
import { JobRepository, MAX_BACKOFF_MS } from "./job-repository.ts";

const T = new Date("2030-05-01T10:00:00.000Z");
const at = (ms: number) => new Date(T.getTime() + ms);

describe.each(testTargets())("JobRepository ($name)", (target) => {
  let t: TestDatabase;
  let repo: JobRepository;
  let tenantId: string;
  beforeAll(async () => {
    t = await target.create({ poolSize: 10 });
    repo = new JobRepository(t.db);
    tenantId = (await t.db.prisma.tenant.create({ data: { slug: "jobs", name: { de: "J", en: "J" } } })).id;
  });
  afterAll(async () => t?.dispose());
  beforeEach(async () => {
    await t.db.prisma.job.deleteMany();
  });

  const claim = (workerId: string, now: Date, extra: { kinds?: string[]; limit?: number; leaseMs?: number } = {}) =>
    repo.claim({ workerId, now, kinds: extra.kinds ?? ["a", "b"], limit: extra.limit ?? 10, leaseMs: extra.leaseMs ?? 30_000 });

  it("enqueues with defaults; an existing key (pending or finished) makes enqueue a no-op", async () => {
    const id = await repo.enqueue({ kind: "a", runAt: T, jobKey: "offer:1", tenantId, payload: { offer: 1 } });
    expect(id).toMatch(/^\d+$/);
    expect(await repo.enqueue({ kind: "a", runAt: at(5), jobKey: "offer:1", payload: { offer: 2 } })).toBeNull();
    expect(await repo.find(id!)).toMatchObject({
      kind: "a", payload: { offer: 1 }, runAt: T, jobKey: "offer:1", tenantId, attempts: 0, maxAttempts: 5, backoffMs: 5000,
      lockedBy: null, lockedUntil: null, lastError: null, finishedAt: null,
    });
    // keyless jobs never collide
    expect(await repo.enqueue({ kind: "a", runAt: at(1) })).not.toBe(await repo.enqueue({ kind: "a", runAt: at(1) }));
    // a finished keyed job keeps its key: a late enqueue of the same recurring run does nothing
    const [job] = await claim("w1", T, { limit: 1 });
    expect(job?.id).toBe(id);
    expect(await repo.complete(job!, T)).toBe(true);
    expect(await repo.enqueue({ kind: "a", runAt: T, jobKey: "offer:1" })).toBeNull();
    expect((await repo.findByKey("offer:1"))?.finishedAt).toEqual(T);
  });

  it("enqueues inside a transaction: the job commits or rolls back with the change", async () => {
    await t.db.transaction(async (sql) => {
      await repo.enqueue({ kind: "a", jobKey: "tx:commit", runAt: T }, sql);
    });
    await expect(
      t.db.transaction(async (sql) => {
        await repo.enqueue({ kind: "a", jobKey: "tx:rollback", runAt: T }, sql);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await repo.findByKey("tx:commit")).not.toBeNull();
    expect(await repo.findByKey("tx:rollback")).toBeNull();
  });

  it("enqueues from inside another statement's CTE with tv_add_job (like graphile/worker's add_job)", async () => {
    const write = (entityId: string, action: string) =>
      t.db.sql.query<{ job: string | null }>(
        `WITH a AS (
           INSERT INTO "AuditLog" ("tenantId", actor, action, "entityType", "entityId")
           VALUES ($1::uuid, 'test', $3, 'Thing', $2) RETURNING "tenantId", "entityId"),
         j AS (SELECT tv_add_job('b', jsonb_build_object('thing', a."entityId"), $4::timestamptz, 'thing:' || a."entityId", a."tenantId") AS id FROM a)
         SELECT id::text AS job FROM j`,
        [tenantId, entityId, action, T],
      );
    const [row] = await write("42", "thing.made");
    expect((await repo.find(row!.job!))?.payload).toEqual({ thing: "42" });
    // the statement fails (action is NOT NULL): neither the change nor its job exists
    await expect(write("43", null as unknown as string)).rejects.toThrow();
    expect(await repo.findByKey("thing:43")).toBeNull();
    expect(await t.db.prisma.auditLog.count({ where: { entityId: "43" } })).toBe(0);
  });

  it("claims due jobs of its kinds, oldest first, up to the limit, with a lease and a counted attempt", async () => {
    const later = await repo.enqueue({ kind: "a", runAt: at(-1_000) });
    const first = await repo.enqueue({ kind: "b", runAt: at(-5_000) });
    await repo.enqueue({ kind: "a", runAt: at(1) }); // not due
    await repo.enqueue({ kind: "other", runAt: at(-9_000) }); // no handler here
    const claimed = await claim("w1", T, { leaseMs: 20_000 });
    expect(claimed.map((j) => j.id)).toEqual([first, later]);
    expect(claimed[0]).toMatchObject({ kind: "b", attempts: 1, lockedBy: "w1", lockedUntil: at(20_000), lastError: null });
    // leased now: another worker at the same time gets nothing
    expect(await claim("w2", T)).toEqual([]);
    expect(await claim("w2", at(1), { limit: 1 })).toHaveLength(1);
  });

  it("never hands one job to two concurrent claims", async () => {
    for (let i = 0; i < 60; i++) await repo.enqueue({ kind: "a", runAt: at(-i) });
    const batches = await Promise.all(Array.from({ length: 6 }, (_, i) => claim(`w${i}`, T, { limit: 7 })));
    const ids = batches.flat().map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(42);
  });

  it("completes only under its own claim: keyless jobs are deleted, keyed ones kept as finished", async () => {
    const keyless = await repo.enqueue({ kind: "a", runAt: T });
    const keyed = await repo.enqueue({ kind: "a", runAt: T, jobKey: "k" });
    const [a, b] = await claim("w1", T);
    expect(await repo.complete({ ...a!, lockedBy: "someone else" }, T)).toBe(false);
    expect(await repo.complete({ ...a!, attempts: 2 }, T)).toBe(false);
    expect(await repo.complete(a!, T)).toBe(true);
    expect(await repo.complete(a!, T)).toBe(false);
    expect(await repo.complete(b!, at(5))).toBe(true);
    expect(await repo.find(keyless!)).toBeNull();
    expect(await repo.find(keyed!)).toMatchObject({ finishedAt: at(5), lockedUntil: null, lastError: null, attempts: 1 });
    expect(await repo.counts(T)).toEqual({ waiting: 0, running: 0, completed: 1, failed: 0 });
  });

  it("fails with exponential backoff and lastError, and gives up after the last attempt", async () => {
    const id = await repo.enqueue({ kind: "a", runAt: T, maxAttempts: 3, backoffMs: 1_000 });
    let now = T;
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [job] = await claim("w1", now);
      expect(job).toMatchObject({ id, attempts: attempt, lastError: attempt === 1 ? null : `boom ${attempt - 1}` });
      const outcome = await repo.fail(job!, { now, error: `boom ${attempt}` });
      if (outcome?.retryAt) {
        delays.push(outcome.retryAt.getTime() - now.getTime());
        expect(await claim("w1", new Date(outcome.retryAt.getTime() - 1))).toEqual([]); // not before its time
        now = outcome.retryAt;
      } else {
        expect(outcome).toEqual({ retryAt: null });
      }
    }
    expect(delays).toEqual([1_000, 2_000]);
    expect(await repo.find(id!)).toMatchObject({ attempts: 3, lastError: "boom 3", finishedAt: now, lockedUntil: null });
    expect(await claim("w1", at(86_400_000))).toEqual([]);
    expect((await repo.counts(now)).failed).toBe(1);
  });

  it("caps the backoff, gives up at once when asked, and truncates long errors", async () => {
    const slow = await repo.enqueue({ kind: "a", runAt: T, maxAttempts: 40, backoffMs: 60_000 });
    await t.db.sql.query(`UPDATE "Job" SET attempts = 30 WHERE id = $1::bigint`, [slow]);
    const [job] = await claim("w1", T);
    expect((await repo.fail(job!, { now: T, error: `x\u0000${"y".repeat(5_000)}` }))?.retryAt).toEqual(at(MAX_BACKOFF_MS));
    const stored = await repo.find(slow!);
    expect(stored?.lastError).toHaveLength(2000);
    expect(stored?.lastError).not.toContain("\u0000");
    const permanent = await repo.enqueue({ kind: "b", runAt: T });
    const [p] = await claim("w1", T);
    expect(p?.id).toBe(permanent);
    expect(await repo.fail(p!, { now: T, error: "invalid payload", giveUp: true })).toEqual({ retryAt: null });
    expect(await repo.fail(p!, { now: T, error: "again" })).toBeUndefined();
  });

  it("takes over a job whose lease ran out; the lost claim can neither complete nor renew; renewing keeps a job", async () => {
    const id = await repo.enqueue({ kind: "a", runAt: T });
    const renewed = await repo.enqueue({ kind: "b", runAt: T });
    const [lost, kept] = await claim("dead", T, { leaseMs: 1_000 });
    expect(await repo.renew(kept!, at(5_000))).toBe(true);
    expect(await claim("w2", at(1_000))).toEqual([]); // a lease is live up to its last millisecond
    const [taken] = await claim("w2", at(1_001));
    expect(taken).toMatchObject({ id, attempts: 2, lockedBy: "w2", lastError: "lease of dead ran out (instance lost?)" });
    expect(await repo.complete(lost!, at(1_002))).toBe(false);
    expect(await repo.renew(lost!, at(9_000))).toBe(false);
    expect(await repo.fail(lost!, { now: at(1_002), error: "late" })).toBeUndefined();
    expect(await repo.complete(taken!, at(1_003))).toBe(true);
    expect((await repo.find(renewed!))?.lockedBy).toBe("dead");
    expect((await claim("w2", at(5_001))).map((j) => j.id)).toEqual([renewed]);
  });

  it("gives up a job whose lease ran out on its last attempt", async () => {
    const id = await repo.enqueue({ kind: "a", runAt: T, maxAttempts: 1 });
    await claim("dead", T, { leaseMs: 1_000 });
    expect(await claim("w2", at(2_000))).toEqual([]); // no attempts left
    expect(await repo.recoverExpired(at(999))).toEqual([]);
    expect(await repo.recoverExpired(at(2_000))).toEqual([id]);
    expect(await repo.find(id!)).toMatchObject({ finishedAt: at(2_000), lastError: "lease of dead ran out on the last attempt (instance lost?)" });
  });

  it("purges finished jobs: completed ones sooner than failed ones", async () => {
    await repo.enqueue({ kind: "a", runAt: T, jobKey: "done" });
    await repo.enqueue({ kind: "b", runAt: T, jobKey: "broken", maxAttempts: 1 });
    await repo.enqueue({ kind: "a", runAt: at(10_000), jobKey: "pending" });
    const [done, broken] = await claim("w1", T);
    await repo.complete(done!, T);
    await repo.fail(broken!, { now: T, error: "x" });
    expect(await repo.purgeFinished({ completedBefore: T, failedBefore: T })).toBe(0);
    expect(await repo.purgeFinished({ completedBefore: at(1), failedBefore: T })).toBe(1);
    expect(await repo.findByKey("done")).toBeNull();
    expect(await repo.purgeFinished({ completedBefore: at(1), failedBefore: at(1) })).toBe(1);
    expect(await repo.findByKey("pending")).not.toBeNull();
  });
});
