import type { AppServices } from "../app-services.ts";
import type { Task } from "./runner.ts";

export const PAST_BOOKINGS = "past-bookings";

/**
 * Recurring: appointments whose local day is over and that nobody closed at the desk become
 * COMPLETED or UNMARKED per the tenant's policy (status history and audit, actor
 * "system:past-bookings"), so no booking stays CONFIRMED forever.
 */
export function pastBookingsTask(services: AppServices, cron: string | null): Task {
  return {
    kind: PAST_BOOKINGS,
    cron,
    async run() {
      const count = await services.staff.closePastBookings(PAST_BOOKINGS);
      if (count) services.logger.info("job.past_bookings_closed", { count });
    },
  };
}
