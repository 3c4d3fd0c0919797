import { EXPIRED_HOLD_RETENTION_MS, personalDataCutoff } from "@terminvergabe/core";
import { RetentionRepository } from "@terminvergabe/db";
import type { AppServices } from "../app-services.ts";
import type { Task } from "./runner.ts";

export const RETENTION = "retention";

/**
 * Recurring (daily): personal data that is no longer needed goes. Per tenant, bookings
 * whose appointment ended `retentionDays` ago (tenant policy, default 2; 0 keeps them)
 * lose name, e-mail, phone and tokens — the statistics keep the rest of the row; expired
 * holds older than a day are deleted; delivered mails lose their bodies. Each step is one
 * idempotent statement: a rerun after a crash finds nothing left to do.
 */
export function retentionTask(services: AppServices, cron: string | null): Task {
  const repository = new RetentionRepository(services.db);
  return {
    kind: RETENTION,
    cron,
    async run({ now }) {
      const at = now();
      let bookings = 0;
      let mails = 0;
      for (const tenant of await services.tenants.list()) {
        const cutoff = personalDataCutoff(tenant.policy, at);
        if (!cutoff) continue;
        const done = await repository.anonymiseBookings(tenant.id, cutoff);
        bookings += done.bookings;
        mails += done.mails;
      }
      const holds = await repository.deleteExpiredHolds(new Date(at.getTime() - EXPIRED_HOLD_RETENTION_MS));
      const bodies = await repository.dropDeliveredBodies(at);
      services.logger.info("job.retention", { bookingsAnonymised: bookings, mailsErased: mails, holdsDeleted: holds, mailBodiesDropped: bodies });
    },
  };
}
