import type { AppServices } from "../app-services.ts";
import type { Task } from "./runner.ts";

export const HOLD_EXPIRY = "hold-expiry";

/**
 * Recurring: lapsed holds become EXPIRED (with status history and audit entry, actor
 * "system") and their offices' availability is published. New holds do not wait for it —
 * a hold on a lapsed one's range sweeps that one itself — but calendars do.
 */
export function holdExpiryTask(services: AppServices, cron: string | null): Task {
  return {
    kind: HOLD_EXPIRY,
    cron,
    async run() {
      const count = await services.booking.expireLapsed("HELD", HOLD_EXPIRY);
      if (count) services.logger.info("job.holds_expired", { count });
    },
  };
}
