import type { AppServices } from "../app-services.ts";
import type { Task } from "./runner.ts";

export const WAITING_ROOM_PURGE = "waiting-room-purge";

/** Recurring: deletes waiting-room tickets of releases more than a day ago (data minimisation). */
export function waitingRoomPurgeTask(services: AppServices, cron: string | null): Task {
  return {
    kind: WAITING_ROOM_PURGE,
    cron,
    async run() {
      const count = await services.waitingRoom.purge();
      if (count) services.logger.debug("job.waiting_tickets_purged", { count });
    },
  };
}
