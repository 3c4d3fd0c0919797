import { autovacuumRunning, vacuumGrownTables } from "@terminvergabe/db";
import type { AppServices } from "./app.ts";
import { createMailTransport, defaultSender, parseSender } from "./mail/mail-transport.ts";
import { startOutboxWorker } from "./mail/outbox-worker.ts";

export interface Jobs {
  /** Ask the outbox worker to deliver soon (after a booking committed a mail). */
  kickOutbox(): void;
  stop(): Promise<void>;
}

/** Runs `work` unless its previous run is still going; logs a failure instead of throwing. */
function serialized(services: AppServices, failure: string, work: () => Promise<void>): () => void {
  let running = false;
  return () => {
    if (running) return;
    running = true;
    work()
      .catch((error: unknown) => services.logger.error(failure, { message: (error as Error).message }))
      .finally(() => {
        running = false;
      });
  };
}

/**
 * Background jobs, in-process by default. Each is safe with several gateway instances:
 * rows are claimed with FOR UPDATE SKIP LOCKED, so no row is handled twice.
 */
export async function startJobs(services: AppServices, intervalMs = services.config.jobIntervalMs): Promise<Jobs> {
  const { logger, db } = services;
  const expire = serialized(services, "job.expire_failed", async () => {
    const count = await services.booking.expireLapsed();
    if (count) logger.info("job.holds_expired", { count });
  });
  // Where autovacuum does not run (PGlite, or a server with it switched off), the gateway
  // keeps statistics fresh itself, or plans chosen for empty tables stay forever.
  const upkeep = !(await autovacuumRunning(db));
  if (upkeep) logger.info("job.table_upkeep_enabled", { reason: db.kind === "pglite" ? "pglite" : "autovacuum off" });
  const vacuum = serialized(services, "job.table_upkeep_failed", async () => {
    const tables = await vacuumGrownTables(db);
    if (tables.length) logger.info("job.tables_vacuumed", { tables });
  });
  const timer = setInterval(() => {
    expire();
    if (upkeep) vacuum();
  }, intervalMs);
  timer.unref();
  const outbox = await startOutbox(services);
  return {
    kickOutbox: () => outbox.kick(),
    async stop() {
      clearInterval(timer);
      await outbox.stop();
    },
  };
}

async function startOutbox(services: AppServices): Promise<{ kick(): void; stop(): Promise<void> }> {
  const { config } = services;
  const from = config.mailFrom ? parseSender(config.mailFrom) : defaultSender(config.publicUrl);
  const transport = createMailTransport({ smtpUrl: config.smtpUrl, from });
  const worker = startOutboxWorker({
    db: services.db,
    transport,
    logger: services.logger,
    intervalMs: config.jobIntervalMs,
    clock: services.clock,
  });
  return {
    kick: () => worker.kick(),
    async stop() {
      await worker.stop();
      await transport.close();
    },
  };
}
