import { describe, expect, it } from "vitest";
import { deciderSpec } from "../shared/testing/decider-spec.ts";
import { type CampaignSnapshot, type CampaignStatus, decideCampaign, periodEndsAt } from "./campaign.ts";

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
