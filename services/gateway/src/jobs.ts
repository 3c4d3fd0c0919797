import type { AppServices } from "./app.ts";
import { createMailTransport, defaultSender, parseSender } from "./mail/mail-transport.ts";
import { startOutboxWorker } from "./mail/outbox-worker.ts";

export interface Jobs {
  /** Ask the outbox worker to deliver soon (after a booking committed a mail). */
  kickOutbox(): void;
  stop(): Promise<void>;
}

/**
 * Background jobs, in-process by default. Each is safe with several gateway instances:
 * rows are claimed with FOR UPDATE SKIP LOCKED, so no row is handled twice.
 */
export async function startJobs(services: AppServices, intervalMs = services.config.jobIntervalMs): Promise<Jobs> {
  const { logger } = services;
  let running = false;
  const expire = async () => {
    if (running) return;
    running = true;
    try {
      const count = await services.booking.expireLapsed();
      if (count) logger.info("job.holds_expired", { count });
    } catch (error) {
      logger.error("job.expire_failed", { message: (error as Error).message });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void expire(), intervalMs);
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
