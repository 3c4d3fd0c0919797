import type { AppServices } from "../app-services.ts";
import type { Task } from "./runner.ts";

export const VERIFICATION_EXPIRY = "verification-expiry";

/**
 * Recurring: bookings whose e-mail address was not verified by their deadline become
 * EXPIRED (with status history and audit entry, actor "system"), freeing their slots.
 */
export function verificationExpiryTask(services: AppServices, cron: string | null): Task {
  return {
    kind: VERIFICATION_EXPIRY,
    cron,
    async run() {
      const count = await services.booking.expireLapsed("PENDING_VERIFICATION", VERIFICATION_EXPIRY);
      if (count) services.logger.info("job.verifications_expired", { count });
    },
  };
}
