import { autovacuumRunning } from "@terminvergabe/db";
import type { AppServices } from "../app-services.ts";
import { HOLD_EXPIRY, holdExpiryTask } from "./hold-expiry.ts";
import { LOTTERY_CAMPAIGNS, lotteryCampaignsTask, lotteryMoveUpTask, lotteryOfferExpiryTask, lotteryOfferReminderTask } from "./lottery.ts";
import { massCancellationTask } from "./mass-cancellation.ts";
import { PAST_BOOKINGS, pastBookingsTask } from "./past-bookings.ts";
import { RETENTION, retentionTask } from "./retention.ts";
import { bookingReminderTask } from "./booking-reminder.ts";
import { OUTBOX_DELIVERY, outboxDelivery } from "./outbox-delivery.ts";
import { type JobRunner, startJobRunner } from "./runner.ts";
import { SESSION_EXPIRY, sessionExpiryTask } from "./session-expiry.ts";
import { TABLE_UPKEEP, tableUpkeepTask } from "./table-upkeep.ts";
import { testTasks } from "./test-tasks.ts";
import { VERIFICATION_EXPIRY, verificationExpiryTask } from "./verification-expiry.ts";
import { WAITING_ROOM_PURGE, waitingRoomPurgeTask } from "./waiting-room-purge.ts";

/** When recurring jobs run (UTC; a leading seconds field); JOB_CRON overrides them by kind. */
export const DEFAULT_SCHEDULES: Record<string, string> = {
  [HOLD_EXPIRY]: "*/5 * * * * *",
  [VERIFICATION_EXPIRY]: "*/30 * * * * *",
  // Catches retries that came due and mails whose kick was lost (a crash right after commit).
  [OUTBOX_DELIVERY]: "*/5 * * * * *",
  [TABLE_UPKEEP]: "*/10 * * * * *",
  [SESSION_EXPIRY]: "0 */15 * * * *",
  [WAITING_ROOM_PURGE]: "0 7 * * * *",
  [LOTTERY_CAMPAIGNS]: "*/30 * * * * *",
  [PAST_BOOKINGS]: "0 */10 * * * *",
  // Daily, at night (UTC): personal data past its retention, expired holds, mail bodies.
  [RETENTION]: "0 30 2 * * *",
};

/** How long a kick waits, so that mails of concurrent bookings go out in one delivery run. */
const KICK_DELAY_MS = 50;

export interface Jobs {
  runner: JobRunner;
  /** Asks for mail delivery soon (call after a transaction that wrote to the outbox commits). */
  kickOutbox(): void;
  stop(): Promise<void>;
}

/** Background work of this instance: the job queue's runner with every task registered. */
export async function startJobs(services: AppServices): Promise<Jobs> {
  const { config, logger, db } = services;
  const unknown = Object.keys(config.jobCron).filter((kind) => !(kind in DEFAULT_SCHEDULES));
  if (unknown.length) throw new Error(`JOB_CRON names unknown recurring jobs: ${unknown.join(", ")}`);
  const cron = (kind: string) => (kind in config.jobCron ? config.jobCron[kind]! : DEFAULT_SCHEDULES[kind]!);
  const vacuum = !(await autovacuumRunning(db));
  if (vacuum) logger.info("job.table_upkeep_enabled", { reason: db.kind === "pglite" ? "pglite" : "autovacuum off" });
  const outbox = outboxDelivery(services, cron(OUTBOX_DELIVERY));
  const runner = startJobRunner({
    db,
    logger,
    clock: services.clock,
    pollIntervalMs: config.jobIntervalMs,
    leaseMs: config.jobLeaseMs,
    tasks: [
      holdExpiryTask(services, cron(HOLD_EXPIRY)),
      verificationExpiryTask(services, cron(VERIFICATION_EXPIRY)),
      outbox.task,
      tableUpkeepTask(services, cron(TABLE_UPKEEP), vacuum),
      sessionExpiryTask(services, cron(SESSION_EXPIRY)),
      waitingRoomPurgeTask(services, cron(WAITING_ROOM_PURGE)),
      lotteryCampaignsTask(services, cron(LOTTERY_CAMPAIGNS)),
      lotteryOfferExpiryTask(services),
      lotteryMoveUpTask(services),
      lotteryOfferReminderTask(services),
      pastBookingsTask(services, cron(PAST_BOOKINGS)),
      retentionTask(services, cron(RETENTION)),
      bookingReminderTask(services),
      massCancellationTask(services),
      ...testTasks(config.jobTestKinds, logger),
    ],
  });
  let kick: NodeJS.Timeout | null = null;
  return {
    runner,
    kickOutbox() {
      // Kicks within the delay share one delivery job. The job is a row like any other:
      // whichever instance is free delivers, and the runner polls for it at once.
      if (kick) return;
      kick = setTimeout(() => {
        kick = null;
        runner.enqueue({ kind: OUTBOX_DELIVERY, maxAttempts: 3, backoffMs: 1_000 }).catch((error: unknown) =>
          logger.error("job.kick_failed", { message: (error as Error).message }),
        );
      }, KICK_DELAY_MS);
      kick.unref();
    },
    async stop() {
      if (kick) clearTimeout(kick);
      await runner.stop();
      await outbox.close();
    },
  };
}
