import type { AppServices } from "../app-services.ts";
import { PermanentJobError, type Task } from "./runner.ts";

export const LOTTERY_CAMPAIGNS = "lottery-campaigns";
export const LOTTERY_OFFER_EXPIRY = "lottery-offer-expiry";
export const LOTTERY_MOVE_UP = "lottery-move-up";
export const LOTTERY_OFFER_REMINDER = "lottery-offer-reminder";

/**
 * Recurring: the campaign clock. Opens windows, closes them (fixing the entry list and its
 * hash), draws at the draw time and finishes campaigns after their period. Every step is
 * conditional on the status it starts from, so overlapping runs on several instances — or
 * a run after a crash mid-draw — take each step once.
 */
export function lotteryCampaignsTask(services: AppServices, cron: string | null): Task {
  return {
    kind: LOTTERY_CAMPAIGNS,
    cron,
    async run() {
      const steps = await services.lottery.advance();
      if (steps) services.logger.info("job.lottery_steps", { steps });
    },
  };
}

function payload(job: { payload: unknown }, ...keys: string[]): Record<string, string> {
  const p = job.payload as Record<string, unknown>;
  for (const key of keys) if (typeof p?.[key] !== "string") throw new PermanentJobError(`lottery job without ${key}`);
  return p as Record<string, string>;
}

/** At an offer's deadline (enqueued with the offer): EXPIRED unless answered, then the slot moves up. */
export function lotteryOfferExpiryTask(services: AppServices): Task {
  return {
    kind: LOTTERY_OFFER_EXPIRY,
    maxAttempts: 20,
    async run({ job }) {
      const { tenantId, applicationId } = payload(job, "tenantId", "applicationId");
      await services.lottery.expireOffer(tenantId!, applicationId!);
    },
  };
}

/** A slot came free (enqueued with the change that freed it): offer it to the best-ranked fitting waitlisted entry. */
export function lotteryMoveUpTask(services: AppServices): Task {
  return {
    kind: LOTTERY_MOVE_UP,
    maxAttempts: 20,
    async run({ job }) {
      const { tenantId, campaignId, slotId } = payload(job, "tenantId", "campaignId", "slotId");
      await services.lottery.moveUp(tenantId!, campaignId!, slotId!);
    },
  };
}

/** Before an offer's deadline (planned with the offer): reminds the winner unless answered meanwhile. */
export function lotteryOfferReminderTask(services: AppServices): Task {
  return {
    kind: LOTTERY_OFFER_REMINDER,
    maxAttempts: 20,
    async run({ job }) {
      const { tenantId, applicationId } = payload(job, "tenantId", "applicationId");
      await services.lottery.remindOffer(tenantId!, applicationId!);
    },
  };
}
