import { JobRepository, vacuumGrownTables } from "@terminvergabe/db";
import type { AppServices } from "../app-services.ts";
import type { Task } from "./runner.ts";

export const TABLE_UPKEEP = "table-upkeep";

/** How long finished jobs stay: completed ones keep their key taken (clock skew between instances), failed ones are evidence. */
export const KEEP_COMPLETED_MS = 60 * 60_000;
export const KEEP_FAILED_MS = 7 * 24 * 60 * 60_000;

/**
 * Recurring: deletes old finished jobs, and — where autovacuum does not run (PGlite, or
 * a server with it switched off) — vacuums and analyzes tables that grew, or plans chosen
 * for empty tables stay forever.
 */
export function tableUpkeepTask(services: AppServices, cron: string | null, vacuum: boolean): Task {
  const jobs = new JobRepository(services.db);
  return {
    kind: TABLE_UPKEEP,
    cron,
    async run() {
      const now = services.clock().getTime();
      const purged = await jobs.purgeFinished({
        completedBefore: new Date(now - KEEP_COMPLETED_MS),
        failedBefore: new Date(now - KEEP_FAILED_MS),
      });
      if (purged) services.logger.debug("job.jobs_purged", { count: purged });
      if (!vacuum) return;
      const tables = await vacuumGrownTables(services.db);
      if (tables.length) services.logger.info("job.tables_vacuumed", { tables });
    },
  };
}
