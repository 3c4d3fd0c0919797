import type { Database } from "../client.ts";
import type { SqlClient } from "../sql-executor.ts";

/** A job to enqueue. Everything but `kind` has a default. */
export interface NewJob {
  kind: string;
  /** JSON-serialisable input of the task (default `{}`). */
  payload?: unknown;
  /** When it becomes due (default: the database's now()). Pass the app's clock where it matters. */
  runAt?: Date | null;
  /** De-duplication key: enqueueing a key that exists is a no-op. */
  jobKey?: string | null;
  tenantId?: string | null;
  /** Claims before the job is given up (default 5). */
  maxAttempts?: number;
  /** First retry delay after a failure, doubling with each further one (default 5 s). */
  backoffMs?: number;
}

/** Identifies one claim of a job. Completing, failing and renewing are fenced by it. */
export interface JobLease {
  id: string;
  lockedBy: string;
  /** The attempt this claim counted; a later claim (after the lease ran out) has another. */
  attempts: number;
}

/** A job claimed for running. */
export interface ClaimedJob extends JobLease {
  kind: string;
  payload: unknown;
  runAt: Date;
  jobKey: string | null;
  tenantId: string | null;
  maxAttempts: number;
  backoffMs: number;
  lockedUntil: Date;
  /** The previous attempt's error (or how its lease was lost); null on a first attempt. */
  lastError: string | null;
}

/** A job row as tests and diagnostics see it. */
export interface JobRow extends Omit<ClaimedJob, "lockedBy" | "lockedUntil"> {
  lockedBy: string | null;
  lockedUntil: Date | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface JobCounts {
  /** Not finished and not under a live lease (due or scheduled). */
  waiting: number;
  /** Under a live lease. */
  running: number;
  completed: number;
  /** Given up after the last attempt. */
  failed: number;
}

/** Longest lastError kept; stack traces are only for diagnosis. */
const MAX_ERROR_LENGTH = 2000;

/** Longest retry delay, however many attempts failed before. */
export const MAX_BACKOFF_MS = 60 * 60_000;

/** The columns of a {@link RawRow}, qualified with `alias` (an UPDATE ... FROM needs it). */
const columns = (a: string) =>
  `${a}.id::text AS id, ${a}.kind, ${a}.payload, ${a}."runAt", ${a}."jobKey", ${a}."tenantId"::text AS "tenantId", ${a}.attempts,
   ${a}."maxAttempts", ${a}."backoffMs", ${a}."lockedBy", ${a}."lockedUntil", ${a}."lastError", ${a}."createdAt", ${a}."finishedAt"`;

interface RawRow {
  id: string;
  kind: string;
  payload: unknown;
  runAt: Date | string;
  jobKey: string | null;
  tenantId: string | null;
  attempts: number | bigint;
  maxAttempts: number | bigint;
  backoffMs: number | bigint;
  lockedBy: string | null;
  lockedUntil: Date | string | null;
  lastError: string | null;
  createdAt: Date | string;
  finishedAt: Date | string | null;
}

const date = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

function toRow(raw: RawRow): JobRow {
  return {
    id: raw.id,
    kind: raw.kind,
    payload: typeof raw.payload === "string" ? JSON.parse(raw.payload) : raw.payload,
    runAt: new Date(raw.runAt),
    jobKey: raw.jobKey,
    tenantId: raw.tenantId,
    attempts: Number(raw.attempts),
    maxAttempts: Number(raw.maxAttempts),
    backoffMs: Number(raw.backoffMs),
    lockedBy: raw.lockedBy,
    lockedUntil: date(raw.lockedUntil),
    lastError: raw.lastError,
    createdAt: new Date(raw.createdAt),
    finishedAt: date(raw.finishedAt),
  };
}

/** Shortens an error for `lastError`; PostgreSQL text cannot hold NUL. */
function truncate(raw: string): string {
  const message = raw.replaceAll("\u0000", "");
  return message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH - 1)}…` : message;
}

/**
 * The durable job queue (table "Job", migration 0005_jobs).
 *
 * Any number of instances may claim at once: a claim selects due rows with
 * `FOR UPDATE SKIP LOCKED` and sets a lease in the same statement, so two claims never
 * return the same row. A lease that runs out (its instance was killed) makes the row
 * claimable again. Attempts are counted at claim time, so a job that crashes its worker
 * still runs out of attempts instead of being retried forever.
 *
 * Claims and completions commit without waiting for their WAL flush (synchronous_commit
 * off for that transaction only, as holds do): after a crash of the database server
 * itself, the last fraction of a second of them may be lost — a lost claim makes its job
 * claimable again, a lost completion makes it run once more, which every task tolerates
 * (they are at-least-once by nature: an instance can die between the work and the
 * completion). Enqueueing commits durably, like the change it belongs to.
 *
 * Every statement is a single one outside any transaction, except `enqueue` with a
 * transaction's client — which is how a change and the job it needs commit together.
 * (On PGlite, never pass the outer `db.sql` from inside `db.transaction`: it is the same
 * single connection and would wait for the transaction forever.)
 */
export class JobRepository {
  // Instants are the app's clock, passed as parameters: tests freeze it, and all
  // instances compare against what the others wrote with theirs.
  constructor(private readonly db: Database) {}

  /**
   * Enqueues a job through `tv_add_job`, on `sql` when given (a transaction's client, so
   * the job commits or rolls back with the change that needs it).
   * @returns the job's id, or null when its key existed (nothing enqueued).
   */
  async enqueue(job: NewJob, sql: SqlClient = this.db.sql): Promise<string | null> {
    const [row] = await sql.query<{ id: string | null }>(
      `SELECT tv_add_job($1, $2::jsonb, $3::timestamptz, $4, $5::uuid, $6::int, $7::int)::text AS id`,
      [
        job.kind,
        JSON.stringify(job.payload ?? {}),
        job.runAt ?? null,
        job.jobKey ?? null,
        job.tenantId ?? null,
        job.maxAttempts ?? null,
        job.backoffMs ?? null,
      ],
      "job-enqueue",
    );
    return row?.id ?? null;
  }

  /**
   * Claims up to `limit` due jobs of the given kinds, oldest due first, for `leaseMs`:
   * unfinished, `runAt <= now`, attempts left, and no live lease (a lease that ran out is
   * taken over, and noted in lastError).
   */
  async claim(input: { workerId: string; kinds: readonly string[]; now: Date; leaseMs: number; limit: number }): Promise<ClaimedJob[]> {
    const { workerId, kinds, now, leaseMs, limit } = input;
    if (kinds.length === 0 || limit <= 0) return [];
    const rows = await this.db.sql.query<RawRow>(
      `WITH due AS (
         SELECT id FROM "Job"
          WHERE "finishedAt" IS NULL AND "runAt" <= $1::timestamptz
            AND ("lockedUntil" IS NULL OR "lockedUntil" < $1::timestamptz)
            AND attempts < "maxAttempts" AND kind = ANY($2::text[])
          ORDER BY "runAt", id
          LIMIT $3::int
          FOR UPDATE SKIP LOCKED),
       async AS (SELECT set_config('synchronous_commit', 'off', true))
       UPDATE "Job" j
          SET "lockedBy" = $4, "lockedUntil" = $5::timestamptz, attempts = j.attempts + 1,
              "lastError" = CASE WHEN j."lockedUntil" IS NULL THEN j."lastError"
                                 ELSE 'lease of ' || coalesce(j."lockedBy", '?') || ' ran out (instance lost?)' END
         FROM due, async
        WHERE j.id = due.id
       RETURNING ${columns("j")}`,
      [now, [...kinds], limit, workerId, new Date(now.getTime() + leaseMs)],
      "job-claim",
    );
    return rows
      .map(toRow)
      .sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || Number(BigInt(a.id) - BigInt(b.id)))
      .map((row) => ({ ...row, lockedBy: workerId, lockedUntil: row.lockedUntil! }));
  }

  /** Extends a running job's lease; false when the claim is no longer this one's. */
  async renew(lease: JobLease, until: Date): Promise<boolean> {
    const rows = await this.db.sql.query(
      `UPDATE "Job" SET "lockedUntil" = $4::timestamptz
        WHERE id = $1::bigint AND "lockedBy" = $2 AND attempts = $3::int AND "finishedAt" IS NULL
       RETURNING id`,
      [lease.id, lease.lockedBy, lease.attempts, until],
      "job-renew",
    );
    return rows.length === 1;
  }

  /**
   * Records a successful run. A job without a key is deleted; one with a key is kept as
   * finished (its key stays taken until {@link purgeFinished}). False when the claim had
   * been taken over (the other claim's outcome counts).
   */
  async complete(lease: JobLease & { jobKey: string | null }, now: Date): Promise<boolean> {
    const rows =
      lease.jobKey === null
        ? await this.db.sql.query(
            `WITH async AS (SELECT set_config('synchronous_commit', 'off', true))
             DELETE FROM "Job" USING async
              WHERE id = $1::bigint AND "lockedBy" = $2 AND attempts = $3::int AND "finishedAt" IS NULL RETURNING id`,
            [lease.id, lease.lockedBy, lease.attempts],
            "job-complete-delete",
          )
        : await this.db.sql.query(
            `WITH async AS (SELECT set_config('synchronous_commit', 'off', true))
             UPDATE "Job" SET "finishedAt" = $4::timestamptz, "lockedUntil" = NULL, "lastError" = NULL
               FROM async
              WHERE id = $1::bigint AND "lockedBy" = $2 AND attempts = $3::int AND "finishedAt" IS NULL
             RETURNING id`,
            [lease.id, lease.lockedBy, lease.attempts, now],
            "job-complete-keep",
          );
    return rows.length === 1;
  }

  /**
   * Records a failed run: a retry after `backoffMs * 2^(attempts - 1)` (at most
   * {@link MAX_BACKOFF_MS}), or — after the last attempt, or with `giveUp` — finished as
   * failed. Fenced like {@link complete}.
   * @returns when it runs again (null: given up), or undefined when the claim had been taken over.
   */
  async fail(lease: JobLease, input: { now: Date; error: string; giveUp?: boolean }): Promise<{ retryAt: Date | null } | undefined> {
    const [row] = await this.db.sql.query<{ finishedAt: Date | string | null; runAt: Date | string }>(
      `UPDATE "Job"
          SET "lastError" = $5, "lockedUntil" = NULL,
              "finishedAt" = CASE WHEN $6::boolean OR attempts >= "maxAttempts" THEN $4::timestamptz END,
              "runAt" = CASE WHEN $6::boolean OR attempts >= "maxAttempts" THEN "runAt"
                             ELSE $4::timestamptz + least("backoffMs"::float8 * power(2, greatest(attempts - 1, 0)), $7::float8) * interval '1 millisecond' END
        WHERE id = $1::bigint AND "lockedBy" = $2 AND attempts = $3::int AND "finishedAt" IS NULL
       RETURNING "finishedAt", "runAt"`,
      [lease.id, lease.lockedBy, lease.attempts, input.now, truncate(input.error), input.giveUp ?? false, MAX_BACKOFF_MS],
    );
    if (!row) return undefined;
    return { retryAt: row.finishedAt === null ? new Date(row.runAt) : null };
  }

  /**
   * Gives up jobs whose lease ran out on their last attempt (their instance died while
   * running them): claims skip them, so without this they would stay locked forever.
   * Jobs with attempts left need nothing: the next claim takes them over.
   * @returns the ids given up.
   */
  async recoverExpired(now: Date): Promise<string[]> {
    const rows = await this.db.sql.query<{ id: string }>(
      `UPDATE "Job"
          SET "finishedAt" = $1::timestamptz, "lockedUntil" = NULL,
              "lastError" = 'lease of ' || coalesce("lockedBy", '?') || ' ran out on the last attempt (instance lost?)'
        WHERE "finishedAt" IS NULL AND "lockedUntil" < $1::timestamptz AND attempts >= "maxAttempts"
       RETURNING id::text AS id`,
      [now],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Deletes finished jobs: completed ones that finished before `completedBefore`, failed
   * ones before `failedBefore` (kept longer, for diagnosis).
   * @returns how many rows were deleted.
   */
  async purgeFinished(input: { completedBefore: Date; failedBefore: Date }): Promise<number> {
    const rows = await this.db.sql.query(
      `DELETE FROM "Job"
        WHERE "finishedAt" IS NOT NULL
          AND "finishedAt" < CASE WHEN "lastError" IS NULL THEN $1::timestamptz ELSE $2::timestamptz END
       RETURNING id`,
      [input.completedBefore, input.failedBefore],
    );
    return rows.length;
  }

  /** One job (tests, diagnostics); null when unknown or deleted after completing. */
  async find(id: string): Promise<JobRow | null> {
    if (!/^\d{1,19}$/.test(id)) return null;
    const [row] = await this.db.sql.query<RawRow>(`SELECT ${columns(`"Job"`)} FROM "Job" WHERE id = $1::bigint`, [id]);
    return row ? toRow(row) : null;
  }

  /** The job with this key, if any. */
  async findByKey(jobKey: string): Promise<JobRow | null> {
    const [row] = await this.db.sql.query<RawRow>(`SELECT ${columns(`"Job"`)} FROM "Job" WHERE "jobKey" = $1`, [jobKey]);
    return row ? toRow(row) : null;
  }

  /** Counts by state at `now`, for metrics and tests. */
  async counts(now: Date): Promise<JobCounts> {
    const [row] = await this.db.sql.query<Record<keyof JobCounts, number | bigint>>(
      `SELECT count(*) FILTER (WHERE "finishedAt" IS NULL AND ("lockedUntil" IS NULL OR "lockedUntil" < $1::timestamptz))::int AS waiting,
              count(*) FILTER (WHERE "finishedAt" IS NULL AND "lockedUntil" >= $1::timestamptz)::int AS running,
              count(*) FILTER (WHERE "finishedAt" IS NOT NULL AND "lastError" IS NULL)::int AS completed,
              count(*) FILTER (WHERE "finishedAt" IS NOT NULL AND "lastError" IS NOT NULL)::int AS failed
         FROM "Job"`,
      [now],
    );
    return {
      waiting: Number(row?.waiting ?? 0),
      running: Number(row?.running ?? 0),
      completed: Number(row?.completed ?? 0),
      failed: Number(row?.failed ?? 0),
    };
  }
}
