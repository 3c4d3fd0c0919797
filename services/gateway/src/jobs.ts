import type { AppServices } from "./app.ts";

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
  // Wired to the outbox worker once it exists (services/gateway/src/mail/outbox-worker.ts).
  void services;
  return { kick() {}, async stop() {} };
}
