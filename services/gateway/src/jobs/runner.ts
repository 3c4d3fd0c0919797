import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { type ClaimedJob, type Database, JobRepository, type NewJob } from "@terminvergabe/db";
import type { Logger } from "../logger.ts";
import { occurrenceKey, type Recurrence, recurrence } from "./recurring.ts";

/** What a task's run gets. */
export interface JobContext {
  job: ClaimedJob;
  /** Aborted when the lease is lost (another instance took the job over) or the runner stops. */
  signal: AbortSignal;
  /** The runner's clock. */
  now(): Date;
}

/** One kind of job: how to run it, and — for recurring work — when. */
export interface Task {
  kind: string;
  /** Runs the job; throwing fails the attempt (retried with backoff unless {@link PermanentJobError}). */
  run(context: JobContext): Promise<void>;
  /** Cron expression (a leading seconds field is allowed; read in UTC) of a recurring job. */
  cron?: string | null;
  /** Attempts of each enqueued job (recurring ones default to 2: the next occurrence follows anyway). */
  maxAttempts?: number;
  backoffMs?: number;
}

/** Thrown by a task when retrying cannot help (e.g. a payload it cannot read). */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
}

export interface JobRunnerOptions {
  db: Database;
  logger: Logger;
  tasks: Task[];
  /** How often to look for due jobs that this instance did not schedule itself, in ms. */
  pollIntervalMs: number;
  /** How long a claim keeps other instances off a job (default 30 s); renewed while it runs. */
  leaseMs?: number;
  /** Jobs run at once by this instance (default 4). */
  concurrency?: number;
  clock?: () => Date;
  workerId?: string;
}

export interface JobRunner {
  readonly workerId: string;
  /** Enqueues a job of a kind this runner knows (runAt defaults to the runner's clock) and polls soon. */
  enqueue(job: NewJob): Promise<string | null>;
  /** Polls for due jobs now (a poll under way is followed by one more). */
  kick(): void;
  /** Polls until nothing due is left and every job it started has ended (tests). */
  drain(): Promise<void>;
  /** Stops polling, signals running jobs and waits for them. */
  stop(): Promise<void>;
}

function message(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/**
 * Runs the durable job queue in this process: claims due jobs of its kinds (any number
 * of instances may, each job goes to one), runs them with a renewed lease, records the
 * outcome, and keeps the next occurrence of every recurring task enqueued.
 */
export function startJobRunner(options: JobRunnerOptions): JobRunner {
  const { db, logger } = options;
  const repo = new JobRepository(db);
  const clock = options.clock ?? (() => new Date());
  const leaseMs = options.leaseMs ?? 30_000;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const tasks = new Map(options.tasks.map((task) => [task.kind, task]));
  const kinds = [...tasks.keys()];
  const recurring: Recurrence[] = options.tasks.filter((t) => t.cron).map((t) => recurrence(t.kind, t.cron!));
  /** The occurrence each recurring task last enqueued from here, so it is inserted once per instance. */
  const enqueued = new Map<string, string>();

  let stopped = false;
  const stopping = new AbortController();
  const inFlight = new Set<Promise<void>>();
  let polling: Promise<void> | null = null;
  let pollAgain = false;
  /** The last claim filled every free slot: more may be due once a slot frees up. */
  let saturated = false;
  let timer: NodeJS.Timeout | null = null;
  let nextOccurrence = Number.POSITIVE_INFINITY;
  let lastRecovery = 0;

  async function scheduleRecurring(): Promise<void> {
    let soonest = Number.POSITIVE_INFINITY;
    for (const r of recurring) {
      const at = r.next(clock());
      if (!at) continue;
      soonest = Math.min(soonest, at.getTime());
      const key = occurrenceKey(r.kind, at);
      if (enqueued.get(r.kind) === key) continue;
      const task = tasks.get(r.kind)!;
      // Every instance inserts the same key; all but the first insert are no-ops.
      await repo.enqueue({ kind: r.kind, runAt: at, jobKey: key, maxAttempts: task.maxAttempts ?? 2, backoffMs: task.backoffMs ?? 1_000 });
      enqueued.set(r.kind, key);
    }
    nextOccurrence = soonest;
  }

  /** Gives up jobs that lost their instance on their last attempt; once per lease period is enough. */
  async function recoverExpired(): Promise<void> {
    if (Date.now() - lastRecovery < leaseMs) return;
    lastRecovery = Date.now();
    const given = await repo.recoverExpired(clock());
    if (given.length) logger.error("job.lease_ran_out_on_last_attempt", { jobIds: given });
  }

  async function claimAndStart(): Promise<void> {
    while (!stopped) {
      const free = concurrency - inFlight.size;
      if (free <= 0) {
        saturated = true;
        return;
      }
      const jobs = await repo.claim({ workerId, kinds, now: clock(), leaseMs, limit: free });
      for (const job of jobs) start(job);
      saturated = jobs.length === free;
      if (!saturated) return;
    }
  }

  function start(job: ClaimedJob): void {
    const task = tasks.get(job.kind)!;
    const lease = new AbortController();
    const signal = AbortSignal.any([lease.signal, stopping.signal]);
    // Renew well before the lease runs out, so a slow statement does not lose it.
    const renewal = setInterval(() => {
      repo.renew(job, new Date(clock().getTime() + leaseMs)).then(
        (kept) => {
          if (kept) return;
          logger.error("job.lease_lost", { jobId: job.id, kind: job.kind });
          lease.abort(new Error("lease lost"));
        },
        (error: unknown) => logger.error("job.renew_failed", { jobId: job.id, kind: job.kind, message: message(error) }),
      );
    }, Math.max(100, Math.floor(leaseMs / 3)));
    renewal.unref();
    const run = (async () => {
      const started = performance.now();
      try {
        await task.run({ job, signal, now: clock });
        clearInterval(renewal);
        const recorded = await repo.complete(job, clock());
        logger.debug("job.completed", { jobId: job.id, kind: job.kind, attempts: job.attempts, ms: Math.round(performance.now() - started), recorded });
      } catch (error) {
        clearInterval(renewal);
        const permanent = error instanceof PermanentJobError;
        const outcome = await repo.fail(job, { now: clock(), error: message(error), giveUp: permanent });
        logger.error(outcome?.retryAt ? "job.retry_scheduled" : "job.failed", {
          jobId: job.id,
          kind: job.kind,
          attempts: job.attempts,
          message: message(error),
          permanent,
          retryAt: outcome?.retryAt?.toISOString(),
          recorded: outcome !== undefined,
        });
      }
    })()
      .catch((error: unknown) => logger.error("job.record_failed", { jobId: job.id, kind: job.kind, message: message(error) }))
      .finally(() => {
        clearInterval(renewal);
        inFlight.delete(run);
        // More may be due: claim again once half the slots are free (or the timer fires),
        // so that claims take several jobs at a time instead of one per finished job.
        if (saturated && !stopped && inFlight.size <= concurrency / 2) void poll();
      });
    inFlight.add(run);
  }

  function arm(): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    // Wake for the next recurring occurrence even when it comes before the next poll.
    const untilOccurrence = nextOccurrence - clock().getTime();
    const delay = Math.max(0, Math.min(options.pollIntervalMs, Number.isFinite(untilOccurrence) ? untilOccurrence : Infinity));
    timer = setTimeout(() => void poll(), delay);
    // The HTTP server keeps the process alive; the jobs must not.
    timer.unref();
  }

  function poll(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (polling) {
      pollAgain = true;
      return polling;
    }
    polling = (async () => {
      do {
        pollAgain = false;
        try {
          await scheduleRecurring();
          await recoverExpired();
          await claimAndStart();
        } catch (error) {
          logger.error("job.poll_failed", { message: message(error) });
          break;
        }
      } while (pollAgain && !stopped);
    })().finally(() => {
      polling = null;
      arm();
    });
    return polling;
  }

  void poll();
  logger.info("job.runner_started", {
    workerId,
    kinds,
    leaseMs,
    recurring: Object.fromEntries(recurring.map((r) => [r.kind, r.expression])),
  });

  return {
    workerId,
    async enqueue(job) {
      if (!tasks.has(job.kind)) throw new Error(`no task for job kind "${job.kind}"`);
      const id = await repo.enqueue({ ...job, runAt: job.runAt ?? clock() });
      void poll();
      return id;
    },
    kick() {
      void poll();
    },
    async drain() {
      do {
        await poll();
        await Promise.all([...inFlight]);
      } while (saturated && !stopped);
      // One more look: a job that just ended may have been the last of a full batch.
      await poll();
      await Promise.all([...inFlight]);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      stopping.abort(new Error("runner stopping"));
      await polling?.catch(() => undefined);
      await Promise.all([...inFlight]);
    },
  };
}
