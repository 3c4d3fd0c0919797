import type { AppServices } from "../app-services.ts";
import { createMailTransport, defaultSender, parseSender } from "../mail/mail-transport.ts";
import { startOutboxWorker } from "../mail/outbox-worker.ts";
import type { Task } from "./runner.ts";

export const OUTBOX_DELIVERY = "outbox-delivery";

export interface OutboxDelivery {
  task: Task;
  close(): Promise<void>;
}

/**
 * Delivers the mail outbox. The outbox stays the mails' durable record, with its own
 * per-mail claim, lease and retry schedule — that is what makes each mail go out once
 * however many instances deliver. The job only says when to look: on a recurring
 * schedule (retries that came due, mails whose kick was lost) and right after a
 * transaction wrote a mail (a kick, see start-jobs.ts).
 */
export function outboxDelivery(services: AppServices, cron: string | null): OutboxDelivery {
  const { config } = services;
  const from = config.mailFrom ? parseSender(config.mailFrom) : defaultSender(config.publicUrl);
  const transport = createMailTransport({ smtpUrl: config.smtpUrl, from });
  // No polling of its own (intervalMs 0): the job queue decides when it runs.
  const worker = startOutboxWorker({ db: services.db, transport, logger: services.logger, intervalMs: 0, clock: services.clock, leaseMs: config.mailLeaseMs, cipher: services.mailCipher });
  return {
    task: {
      kind: OUTBOX_DELIVERY,
      cron,
      maxAttempts: 3,
      backoffMs: 1_000,
      async run() {
        await worker.runOnce();
      },
    },
    async close() {
      await worker.stop();
      await transport.close();
    },
  };
}
