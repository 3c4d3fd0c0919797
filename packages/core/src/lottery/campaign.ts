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
  | { readonly type: "Finish" }
  | { readonly type: "Update" }
  | { readonly type: "EnterBeacon"; readonly beacon: string };

export type CampaignEvent =
  | { readonly type: "CampaignPublished"; readonly commitment: string }
  | { readonly type: "WindowOpened" }
  | { readonly type: "WindowClosed"; readonly entryListHash: string; readonly entries: number }
  | { readonly type: "CampaignDrawn"; readonly seed: string; readonly at: Date }
  | { readonly type: "CampaignFinished" }
  | { readonly type: "CampaignUpdated" }
  | { readonly type: "BeaconEntered"; readonly beacon: string };

export type CampaignRejection =
  | { readonly type: "WRONG_STATUS"; readonly status: CampaignStatus }
  | { readonly type: "NOT_DUE"; readonly at: Date }
  | { readonly type: "TOO_LATE" }
  | { readonly type: "EMPTY_POOL" }
  | { readonly type: "BEACON_MISSING" }
  | { readonly type: "NO_BEACON_ANNOUNCED" }
  | { readonly type: "BEACON_ENTERED" }
  | { readonly type: "INVALID_BEACON" };

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
    case "Update":
      // Dates, pool and beacon announcement are fixed once the commitment is public.
      return state.status === "DRAFT" ? accept({ type: "CampaignUpdated" }) : wrong(state);
    case "EnterBeacon":
      if (!state.beaconAnnounced) return reject({ type: "NO_BEACON_ANNOUNCED" });
      // Only once the entry list is fixed (the beacon must be unknown before), only before the draw, only once.
      if (state.status !== "CLOSED") return wrong(state);
      if (state.beaconValue) return reject({ type: "BEACON_ENTERED" });
      if (!BEACON_PATTERN.test(command.beacon)) return reject({ type: "INVALID_BEACON" });
      return accept({ type: "BeaconEntered", beacon: command.beacon });
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

/** A beacon value as entered: printable, no line breaks, at most 200 characters. */
export const BEACON_PATTERN = /^[\x20-\x7E\u00A0-\uFFFF]{1,200}$/u;

/** What staff set on a campaign before publishing it. */
export interface CampaignDraft {
  readonly applicationOpensAt: Date;
  readonly applicationClosesAt: Date;
  readonly drawAt: Date;
  readonly notifyBy: Date;
  /** Local dates `YYYY-MM-DD`, inclusive. */
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly confirmationDays: number;
  readonly moveUpOfferDays: number;
  readonly beaconAnnouncement: string | null;
}

export type CampaignDraftIssue =
  | { readonly type: "WINDOW_ORDER" }
  | { readonly type: "DRAW_BEFORE_CLOSE" }
  | { readonly type: "NOTIFY_BEFORE_DRAW" }
  | { readonly type: "INVALID_PERIOD" }
  | { readonly type: "PERIOD_BEFORE_DRAW" }
  | { readonly type: "CONFIRMATION_DAYS"; readonly max: number }
  | { readonly type: "MOVE_UP_DAYS" }
  | { readonly type: "BEACON_ANNOUNCEMENT_TOO_LONG"; readonly max: number };

export const MAX_CONFIRMATION_DAYS = 60;
export const MAX_BEACON_ANNOUNCEMENT = 500;

/**
 * Checks a campaign's dates and windows: the window opens before it closes, the draw is not
 * before the close, the notify-by date not before the draw, the period is a valid range that
 * starts after the draw day, and the offer windows are 1–60 days (move-up ≤ confirmation).
 */
export function validateCampaignDraft(draft: CampaignDraft, timeZone: string): Result<void, CampaignDraftIssue> {
  if (!(draft.applicationOpensAt.getTime() < draft.applicationClosesAt.getTime())) return err({ type: "WINDOW_ORDER" });
  if (draft.drawAt.getTime() < draft.applicationClosesAt.getTime()) return err({ type: "DRAW_BEFORE_CLOSE" });
  if (draft.notifyBy.getTime() < draft.drawAt.getTime()) return err({ type: "NOTIFY_BEFORE_DRAW" });
  const from = parseLocalDate(draft.periodFrom);
  const to = parseLocalDate(draft.periodTo);
  if (from === null || to === null || to < from) return err({ type: "INVALID_PERIOD" });
  if (localDayBounds(timeZone, from).start * 60_000 <= draft.drawAt.getTime()) return err({ type: "PERIOD_BEFORE_DRAW" });
  const days = (n: number) => Number.isInteger(n) && n >= 1 && n <= MAX_CONFIRMATION_DAYS;
  if (!days(draft.confirmationDays)) return err({ type: "CONFIRMATION_DAYS", max: MAX_CONFIRMATION_DAYS });
  if (!days(draft.moveUpOfferDays) || draft.moveUpOfferDays > draft.confirmationDays) return err({ type: "MOVE_UP_DAYS" });
  if (draft.beaconAnnouncement !== null && draft.beaconAnnouncement.length > MAX_BEACON_ANNOUNCEMENT) return err({ type: "BEACON_ANNOUNCEMENT_TOO_LONG", max: MAX_BEACON_ANNOUNCEMENT });
  return ok(undefined);
}
