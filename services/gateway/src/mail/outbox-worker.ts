import { type ClaimedMail, type Database, OutboxRepository } from "@terminvergabe/db";
import type { Logger } from "../logger.ts";
import { type MailCipher, PLAIN } from "./mail-cipher.ts";
import { DEFAULT_MAIL_CONCURRENCY, isPermanentMailError, type MailTransport, type OutgoingMail } from "./mail-transport.ts";

export interface RetryPolicy {
  /** Delay after the first failed attempt (default 30 s); doubles with every further one. */
  baseMs: number;
  /** Upper bound of one delay (default 1 h). */
  maxMs: number;
  /** Attempts before a mail is given up as FAILED (default 12: about 6 h of retries). */
  maxAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 30_000, maxMs: 60 * 60_000, maxAttempts: 12 };

/**
 * Delay before the next attempt after `attempts` failed ones: exponential, capped,
 * with "equal jitter" (half fixed, half random) so instances that failed together
 * do not all retry at the same moment, while the delay never collapses to zero.
 */
export function retryDelayMs(attempts: number, random: () => number, policy: Pick<RetryPolicy, "baseMs" | "maxMs"> = DEFAULT_RETRY): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}

export interface OutboxWorkerOptions {
  db: Database;
  transport: MailTransport;
  logger: Logger;
  /** Poll interval (default 5 s); 0 disables polling (tests drive `runOnce`/`kick`). */
  intervalMs?: number;
  clock?: () => Date;
  random?: () => number;
  /** Rows claimed per statement (default 50). */
  batchSize?: number;
  /** How long `kick()` waits, so mails of concurrent bookings go out in one batch (default 50 ms). */
  kickDelayMs?: number;
  /** Mails sent at once per instance (default {@link DEFAULT_MAIL_CONCURRENCY}, like the SMTP pool). */
  concurrency?: number;
  /**
   * How long a claim keeps other instances off a row (default 30 s, above the SMTP
   * timeouts): a killed instance's claimed mails go out elsewhere once it ran out.
   */
  leaseMs?: number;
  /**
   * Drop the bodies of a delivered mail (default: with SMTP; the dev mailbox shows them
   * from the table). A delivered mail's manage link must not stay readable at rest.
   */
  dropBodyAfterDelivery?: boolean;
  retry?: Partial<RetryPolicy>;
  /** Opens sealed bodies (default: they are plain). */
  cipher?: MailCipher;
}

export interface OutboxRunResult {
  sent: number;
  /** Failed attempts in this run (retry scheduled or given up). */
  failed: number;
}

export interface OutboxWorker {
  /** Delivers everything due now; runs are serialized per worker. */
  runOnce(): Promise<OutboxRunResult>;
  /** Asks for a run soon (call after a transaction that wrote to the outbox commits). */
  kick(): void;
  /** Stops polling and waits for a running delivery; does not close the transport. */
  stop(): Promise<void>;
}

/** At most this many batches per run, so one run ends even while new mail keeps arriving. */
const MAX_BATCHES_PER_RUN = 50;

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** Error code for logs: never the message, which can contain an address. */
function errorCode(error: unknown): string | undefined {
  if (error === null || typeof error !== "object") return undefined;
  const e = error as { code?: unknown; responseCode?: unknown };
  return [e.code, e.responseCode].filter((v) => typeof v === "string" || typeof v === "number").join(" ") || undefined;
}

function toOutgoing(row: ClaimedMail, cipher: MailCipher): OutgoingMail {
  return {
    outboxId: row.id,
    to: row.toAddress,
    subject: row.subject,
    text: cipher.open(row.textBody),
    html: row.htmlBody === null ? null : cipher.open(row.htmlBody),
    icsMethod: row.icsMethod === "REQUEST" || row.icsMethod === "CANCEL" ? row.icsMethod : null,
    icsContent: row.icsContent === null ? null : cipher.open(row.icsContent),
    senderName: row.senderName,
    replyTo: row.replyTo,
  };
}

/**
 * Starts the job that delivers the mail outbox: claims due rows (safe with several
 * gateway instances), sends each through the transport, and records SENT or a retry
 * with backoff (FAILED after the last attempt or on a permanent rejection).
 */
export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const repo = new OutboxRepository(options.db);
  const { transport, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const random = options.random ?? Math.random;
  const intervalMs = options.intervalMs ?? 5_000;
  const batchSize = options.batchSize ?? 50;
  const kickDelayMs = options.kickDelayMs ?? 50;
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_MAIL_CONCURRENCY);
  const leaseMs = options.leaseMs ?? 30_000;
  const dropBodies = options.dropBodyAfterDelivery ?? transport.kind === "smtp";
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const cipher = options.cipher ?? PLAIN;

  let stopped = false;
  let running: Promise<OutboxRunResult> | null = null;
  let timer: NodeJS.Timeout | null = null;

  /**
   * Sends one mail and records the outcome at once: SENT right after the SMTP server
   * accepted it (so a crash repeats at most the mails in flight, each with its
   * Message-ID), or the failure with its retry.
   */
  async function deliver(row: ClaimedMail, leaseUntil: Date): Promise<boolean> {
    let messageId: string;
    try {
      messageId = await transport.send(toOutgoing(row, cipher));
    } catch (error) {
      const permanent = isPermanentMailError(error);
      const giveUp = permanent || row.attempts >= retry.maxAttempts;
      const nextAttemptAt = giveUp ? null : new Date(clock().getTime() + retryDelayMs(row.attempts, random, retry));
      const recorded = await repo.recordFailure(row.id, { leaseUntil, error: errorMessage(error), nextAttemptAt });
      logger.error(giveUp ? "mail.failed" : "mail.retry_scheduled", {
        outboxId: row.id,
        attempts: row.attempts,
        code: errorCode(error),
        permanent,
        nextAttemptAt: nextAttemptAt?.toISOString(),
        recorded,
      });
      return false;
    }
    const recorded = await repo.markSent([{ id: row.id, messageId }], clock(), { dropBody: dropBodies });
    logger.info("mail.sent", { outboxId: row.id, kind: row.kind, attempts: row.attempts, transport: transport.kind, recorded: recorded.has(row.id) });
    return true;
  }

  async function run(): Promise<OutboxRunResult> {
    const result: OutboxRunResult = { sent: 0, failed: 0 };
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN && !stopped; batch++) {
      const now = clock();
      const leaseUntil = new Date(now.getTime() + leaseMs);
      // A mail is started only while half the lease is left, so its SMTP exchange (timeouts
      // far below the lease) ends before another instance may claim it again.
      const startBefore = now.getTime() + leaseMs / 2;
      const rows = await repo.claimDue({ now, limit: batchSize, leaseUntil });
      let next = 0;
      // `concurrency` sends at a time, each slot taking the next mail as soon as it is free.
      await Promise.all(
        Array.from({ length: Math.min(concurrency, rows.length) }, async () => {
          while (next < rows.length && !stopped) {
            const row = rows[next++]!;
            if (clock().getTime() > startBefore) continue;
            if (await deliver(row, leaseUntil)) result.sent++;
            else result.failed++;
          }
        }),
      );
      if (rows.length < batchSize) break;
    }
    return result;
  }

  function runOnce(): Promise<OutboxRunResult> {
    if (stopped) return Promise.resolve({ sent: 0, failed: 0 });
    // Serialize: a second caller waits for the current run, then runs itself, so
    // whatever was due when it called has been looked at when it returns.
    const previous = running ?? Promise.resolve({ sent: 0, failed: 0 });
    const next = previous.catch(() => undefined).then(() => run());
    running = next;
    void next.then(
      () => {
        if (running === next) running = null;
      },
      () => {
        if (running === next) running = null;
      },
    );
    return next;
  }

  let dueAt = 0;

  function schedule(delayMs: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    dueAt = Date.now() + delayMs;
    timer = setTimeout(tick, delayMs);
    // The HTTP server keeps the process alive; the job must not.
    timer.unref();
  }

  async function tick() {
    timer = null;
    try {
      await runOnce();
    } catch (error) {
      logger.error("mail.outbox_run_failed", { message: errorMessage(error), code: errorCode(error) });
    }
    if (intervalMs > 0) schedule(intervalMs);
  }

  if (intervalMs > 0) schedule(0);

  return {
    runOnce,
    kick() {
      // During a run this queues another one behind it (runOnce serializes): the
      // current run may have claimed before the new row committed. Kicks within the
      // delay share one run.
      if (!timer || dueAt > Date.now() + kickDelayMs) schedule(kickDelayMs);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}
