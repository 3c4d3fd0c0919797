import { describe, expect, it } from "vitest";
import { deciderSpec } from "../shared/testing/decider-spec.ts";
import { type CampaignDraft, type CampaignSnapshot, type CampaignStatus, decideCampaign, periodEndsAt, validateCampaignDraft } from "./campaign.ts";

const now = new Date("2026-06-01T08:00:00Z");
const campaign = (status: CampaignStatus, extra: Partial<CampaignSnapshot> = {}): CampaignSnapshot => ({
  status,
  applicationOpensAt: new Date("2026-06-10T00:00:00Z"),
  applicationClosesAt: new Date("2026-07-05T22:00:00Z"),
  drawAt: new Date("2026-07-06T08:00:00Z"),
  periodEndsAt: new Date("2027-02-28T23:00:00Z"),
  slotCount: 100,
  beaconAnnounced: false,
  beaconValue: null,
  ...extra,
});
const given = deciderSpec({ decide: decideCampaign, now });

describe("a campaign's life", () => {
  it("publishes its commitment before the window opens, with a pool", () => {
    given(campaign("DRAFT")).when({ type: "Publish", commitment: "ab" }).then([{ type: "CampaignPublished", commitment: "ab" }]);
    given(campaign("DRAFT")).at(new Date("2026-06-10T00:00:00Z")).when({ type: "Publish", commitment: "ab" }).thenRejects({ type: "TOO_LATE" });
    given(campaign("DRAFT", { slotCount: 0 })).when({ type: "Publish", commitment: "ab" }).thenRejects({ type: "EMPTY_POOL" });
  });
  it("opens at its time, not before", () => {
    given(campaign("PUBLISHED")).when({ type: "OpenWindow" }).thenRejects({ type: "NOT_DUE", at: new Date("2026-06-10T00:00:00Z") });
    given(campaign("PUBLISHED")).at(new Date("2026-06-10T00:00:00Z")).when({ type: "OpenWindow" }).then([{ type: "WindowOpened" }]);
  });
  it("closes with the entry-list hash at the window's end", () => {
    const close = { type: "CloseWindow", entryListHash: "cd", entries: 500 } as const;
    given(campaign("OPEN")).at(new Date("2026-07-05T21:59:59Z")).when(close).thenRejects({ type: "NOT_DUE", at: new Date("2026-07-05T22:00:00Z") });
    given(campaign("OPEN")).at(new Date("2026-07-05T22:00:00Z")).when(close).then([{ type: "WindowClosed", entryListHash: "cd", entries: 500 }]);
  });
  it("draws once, at the draw time, and waits for an announced beacon", () => {
    const drawAt = new Date("2026-07-06T08:00:00Z");
    given(campaign("CLOSED")).at(drawAt).when({ type: "Draw", seed: "ef" }).then([{ type: "CampaignDrawn", seed: "ef", at: drawAt }]);
    given(campaign("CLOSED", { beaconAnnounced: true })).at(drawAt).when({ type: "Draw", seed: "ef" }).thenRejects({ type: "BEACON_MISSING" });
    given(campaign("DRAWN")).at(drawAt).when({ type: "Draw", seed: "ef" }).thenRejects({ type: "WRONG_STATUS", status: "DRAWN" });
    given(campaign("OPEN")).at(drawAt).when({ type: "Draw", seed: "ef" }).thenRejects({ type: "WRONG_STATUS", status: "OPEN" });
  });
  it("finishes after the appointment period", () => {
    given(campaign("DRAWN")).at(new Date("2027-02-28T23:00:00Z")).when({ type: "Finish" }).then([{ type: "CampaignFinished" }]);
    given(campaign("DRAWN")).when({ type: "Finish" }).thenRejects({ type: "NOT_DUE", at: new Date("2027-02-28T23:00:00Z") });
  });
});

describe("the period's end", () => {
  it("is the end of its last local day", () => {
    expect(periodEndsAt("2027-02-28", "Europe/Berlin")).toEqual(new Date("2027-02-28T23:00:00Z"));
    expect(periodEndsAt("2026-09-30", "Europe/Berlin")).toEqual(new Date("2026-09-30T22:00:00Z"));
    expect(periodEndsAt("nonsense", "Europe/Berlin")).toBeNull();
  });
});

describe("staff editing a campaign", () => {
  it("changes only a draft", () => {
    given(campaign("DRAFT")).when({ type: "Update" }).then([{ type: "CampaignUpdated" }]);
    given(campaign("PUBLISHED")).when({ type: "Update" }).thenRejects({ type: "WRONG_STATUS", status: "PUBLISHED" });
  });
  it("takes an announced beacon once, after the window closed and before the draw", () => {
    const announced = { beaconAnnounced: true };
    given(campaign("CLOSED", announced)).when({ type: "EnterBeacon", beacon: "7 12 19 23 31 42" }).then([{ type: "BeaconEntered", beacon: "7 12 19 23 31 42" }]);
    given(campaign("OPEN", announced)).when({ type: "EnterBeacon", beacon: "7" }).thenRejects({ type: "WRONG_STATUS", status: "OPEN" });
    given(campaign("DRAWN", announced)).when({ type: "EnterBeacon", beacon: "7" }).thenRejects({ type: "WRONG_STATUS", status: "DRAWN" });
    given(campaign("CLOSED", { ...announced, beaconValue: "1" })).when({ type: "EnterBeacon", beacon: "7" }).thenRejects({ type: "BEACON_ENTERED" });
    given(campaign("CLOSED")).when({ type: "EnterBeacon", beacon: "7" }).thenRejects({ type: "NO_BEACON_ANNOUNCED" });
    given(campaign("CLOSED", announced)).when({ type: "EnterBeacon", beacon: "a\nb" }).thenRejects({ type: "INVALID_BEACON" });
  });
});

describe("a campaign draft's dates", () => {
  const draft: CampaignDraft = {
    applicationOpensAt: new Date("2026-06-10T00:00:00+02:00"),
    applicationClosesAt: new Date("2026-07-05T23:59:59+02:00"),
    drawAt: new Date("2026-07-06T10:00:00+02:00"),
    notifyBy: new Date("2026-07-19T23:59:59+02:00"),
    periodFrom: "2026-09-01",
    periodTo: "2027-02-28",
    confirmationDays: 14,
    moveUpOfferDays: 3,
    beaconAnnouncement: null,
  };
  const check = (change: Partial<CampaignDraft>) => validateCampaignDraft({ ...draft, ...change }, "Europe/Berlin");
  it("accepts a window, a draw after it and a period after the draw", () => {
    expect(check({}).ok).toBe(true);
  });
  it("names the first thing out of order", () => {
    expect(check({ applicationClosesAt: draft.applicationOpensAt })).toEqual({ ok: false, error: { type: "WINDOW_ORDER" } });
    expect(check({ drawAt: new Date("2026-07-05T12:00:00Z") })).toEqual({ ok: false, error: { type: "DRAW_BEFORE_CLOSE" } });
    expect(check({ notifyBy: new Date("2026-07-06T07:00:00Z") })).toEqual({ ok: false, error: { type: "NOTIFY_BEFORE_DRAW" } });
    expect(check({ periodTo: "2026-08-31" })).toEqual({ ok: false, error: { type: "INVALID_PERIOD" } });
    expect(check({ periodFrom: "2026-07-06" })).toEqual({ ok: false, error: { type: "PERIOD_BEFORE_DRAW" } });
    expect(check({ confirmationDays: 0 })).toEqual({ ok: false, error: { type: "CONFIRMATION_DAYS", max: 60 } });
    expect(check({ moveUpOfferDays: 15 })).toEqual({ ok: false, error: { type: "MOVE_UP_DAYS" } });
  });
});
