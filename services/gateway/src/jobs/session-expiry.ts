import type { AppServices } from "../app-services.ts";
import type { Task } from "./runner.ts";

export const SESSION_EXPIRY = "session-expiry";

/**
 * Recurring: deletes sessions past their idle or absolute expiry and sign-in flows nobody
 * finished. Expired sessions already count as signed out; this only keeps the tables small.
 */
export function sessionExpiryTask(services: AppServices, cron: string | null): Task {
  return {
    kind: SESSION_EXPIRY,
    cron,
    async run() {
      const count = await services.identity.sessions.purgeExpired();
      if (count) services.logger.debug("job.sessions_purged", { count });
    },
  };
}
