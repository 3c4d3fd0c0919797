import { err, ok, type Result } from "../shared/result.ts";
import { parseLocalDate } from "../scheduling/local-date.ts";
import { localDayBounds } from "../scheduling/time-zone.ts";

/** Campaign (Vergabeverfahren) states; the same names as the database enum. */
export type CampaignStatus = "DRAFT" | "PUBLISHED" | "OPEN" | "CLOSED" | "DRAWN" | "FINISHED";

export interface CampaignSnapshot {
  readonly status: CampaignStatus;
  readonly applicationOpensAt: Date;
  readonly applicationClosesAt: Date;
  readonly drawAt: Date;
  /** Last day of the appointment period, as the instant it ends. */
  readonly periodEndsAt: Date;
  readonly slotCount: number;
  /** A beacon was announced; the draw waits until its value is entered. */
  readonly beaconAnnounced: boolean;
  readonly beaconValue: string | null;
}

export type CampaignCommand =
  | { readonly type: "Publish"; readonly commitment: string }
  | { readonly type: "OpenWindow" }
  | { readonly type: "CloseWindow"; readonly entryListHash: string; readonly entries: number }
  | { readonly type: "Draw"; readonly seed: string }
  | { readonly type: "Finish" };

export type CampaignEvent =
  | { readonly type: "CampaignPublished"; readonly commitment: string }
  | { readonly type: "WindowOpened" }
  | { readonly type: "WindowClosed"; readonly entryListHash: string; readonly entries: number }
  | { readonly type: "CampaignDrawn"; readonly seed: string; readonly at: Date }
  | { readonly type: "CampaignFinished" };

export type CampaignRejection =
  | { readonly type: "WRONG_STATUS"; readonly status: CampaignStatus }
  | { readonly type: "NOT_DUE"; readonly at: Date }
  | { readonly type: "TOO_LATE" }
  | { readonly type: "EMPTY_POOL" }
  | { readonly type: "BEACON_MISSING" };

export type CampaignDecision = Result<readonly CampaignEvent[], CampaignRejection>;

const accept = (...events: CampaignEvent[]): CampaignDecision => ok(events);
const reject = (rejection: CampaignRejection): CampaignDecision => err(rejection);
const wrong = (state: CampaignSnapshot): CampaignDecision => reject({ type: "WRONG_STATUS", status: state.status });

/**
 * The campaign's life: DRAFT → PUBLISHED (commitment public, before the window opens) →
 * OPEN → CLOSED (entry list fixed and its hash published) → DRAWN → FINISHED. Each step is
 * only allowed from its predecessor and not before its time, so a job that runs twice or
 * early is refused instead of skipping a step.
 */
export function decideCampaign(command: CampaignCommand, state: CampaignSnapshot, now: Date): CampaignDecision {
  const t = now.getTime();
  switch (command.type) {
    case "Publish":
      if (state.status !== "DRAFT") return wrong(state);
      // The commitment must be public before anyone can enter.
      if (t >= state.applicationOpensAt.getTime()) return reject({ type: "TOO_LATE" });
      if (state.slotCount === 0) return reject({ type: "EMPTY_POOL" });
      return accept({ type: "CampaignPublished", commitment: command.commitment });
    case "OpenWindow":
      if (state.status !== "PUBLISHED") return wrong(state);
      if (t < state.applicationOpensAt.getTime()) return reject({ type: "NOT_DUE", at: state.applicationOpensAt });
      return accept({ type: "WindowOpened" });
    case "CloseWindow":
      if (state.status !== "OPEN") return wrong(state);
      if (t < state.applicationClosesAt.getTime()) return reject({ type: "NOT_DUE", at: state.applicationClosesAt });
      return accept({ type: "WindowClosed", entryListHash: command.entryListHash, entries: command.entries });
    case "Draw":
      if (state.status !== "CLOSED") return wrong(state);
      if (t < state.drawAt.getTime()) return reject({ type: "NOT_DUE", at: state.drawAt });
      if (state.beaconAnnounced && !state.beaconValue) return reject({ type: "BEACON_MISSING" });
      return accept({ type: "CampaignDrawn", seed: command.seed, at: now });
    case "Finish":
      if (state.status !== "DRAWN") return wrong(state);
      if (t < state.periodEndsAt.getTime()) return reject({ type: "NOT_DUE", at: state.periodEndsAt });
      return accept({ type: "CampaignFinished" });
    default: {
      const never: never = command;
      return never;
    }
  }
}

/** Whether the public may see the campaign at all (drafts stay internal). */
export const isPublic = (status: CampaignStatus): boolean => status !== "DRAFT";

/** The instant the appointment period ends: the end of its last local day (`YYYY-MM-DD`) in `timeZone`. */
export function periodEndsAt(periodTo: string, timeZone: string): Date | null {
  const day = parseLocalDate(periodTo);
  return day === null ? null : new Date(localDayBounds(timeZone, day).end * 60_000);
}
