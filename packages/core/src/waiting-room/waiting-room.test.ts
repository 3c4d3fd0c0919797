import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_TENANT_POLICY } from "../catalog/types.ts";
import { checkAdmission, enterWaitingRoom, releaseOf, waitingRoomPhase } from "./waiting-room.ts";

const policy = { ...DEFAULT_TENANT_POLICY, releaseAt: "2030-01-02T07:00:00.000Z", waitingRoomOpensMinutes: 15, waitingRoomSpreadSeconds: 60 };
const release = releaseOf(policy)!;
const t = (iso: string) => new Date(`2030-01-02T${iso}Z`);

describe("the waiting room of an announced release", () => {
  it("has no room without a release, or with a malformed one", () => {
    expect(releaseOf(DEFAULT_TENANT_POLICY)).toBeNull();
    expect(releaseOf({ ...policy, releaseAt: "morgen früh" })).toBeNull();
  });

  it("goes UPCOMING → WAITING (15 min before) → ADMITTING (from the release, spread + 1 min) → OVER", () => {
    expect(waitingRoomPhase(release, t("06:44:59"))).toBe("UPCOMING");
    expect(waitingRoomPhase(release, t("06:45:00"))).toBe("WAITING");
    expect(waitingRoomPhase(release, t("07:00:00"))).toBe("ADMITTING");
    expect(waitingRoomPhase(release, t("07:01:59"))).toBe("ADMITTING");
    expect(waitingRoomPhase(release, t("07:02:00"))).toBe("OVER");
  });

  describe("given the room is open, when someone enters", () => {
    it("then the admission time is the release plus a random share of the spread, whatever the arrival time", () => {
      expect(enterWaitingRoom(release, t("06:45:00"), 0.5)).toEqual({ ok: true, value: { admitAt: t("07:00:30") } });
      expect(enterWaitingRoom(release, t("06:59:59.999"), 0.5)).toEqual({ ok: true, value: { admitAt: t("07:00:30") } });
      expect(enterWaitingRoom(release, t("06:50:00"), 0)).toEqual({ ok: true, value: { admitAt: t("07:00:00") } });
    });

    it("then someone arriving during the spread is admitted no earlier than now", () => {
      expect(enterWaitingRoom(release, t("07:00:40"), 0.1)).toEqual({ ok: true, value: { admitAt: t("07:00:40") } });
      expect(enterWaitingRoom(release, t("07:00:40"), 0.9)).toEqual({ ok: true, value: { admitAt: t("07:00:54") } });
    });
  });

  it("hands out no ticket before the room opens or after it is over", () => {
    expect(enterWaitingRoom(release, t("06:30:00"), 0.5)).toEqual({ ok: false, error: { type: "WAITING_ROOM_NOT_OPEN", opensAt: t("06:45:00") } });
    expect(enterWaitingRoom(release, t("08:00:00"), 0.5)).toEqual({ ok: false, error: { type: "NO_WAITING_ROOM" } });
    expect(enterWaitingRoom(null, t("06:50:00"), 0.5)).toEqual({ ok: false, error: { type: "NO_WAITING_ROOM" } });
  });

  describe("holding while the room is open", () => {
    it("needs a ticket", () => {
      expect(checkAdmission(release, t("06:50:00"), null)).toEqual({ ok: false, error: { type: "TICKET_REQUIRED", releaseAt: t("07:00:00") } });
      expect(checkAdmission(release, t("07:00:10"), null)).toEqual({ ok: false, error: { type: "TICKET_REQUIRED", releaseAt: t("07:00:00") } });
    });

    it("waits for the ticket's admission time", () => {
      expect(checkAdmission(release, t("07:00:10"), t("07:00:30"))).toEqual({ ok: false, error: { type: "NOT_YET_ADMITTED", admitAt: t("07:00:30") } });
      expect(checkAdmission(release, t("07:00:30"), t("07:00:30"))).toEqual({ ok: true, value: undefined });
    });

    it("needs nothing outside the room's time, or without a release", () => {
      expect(checkAdmission(release, t("06:00:00"), null).ok).toBe(true);
      expect(checkAdmission(release, t("07:05:00"), null).ok).toBe(true);
      expect(checkAdmission(null, t("07:00:10"), null).ok).toBe(true);
    });
  });

  it("property: the arrival time before the release has no influence on the admission time", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 15 * 60_000 - 1 }), fc.integer({ min: 0, max: 15 * 60_000 - 1 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (a, b, r) => {
        const early = enterWaitingRoom(release, new Date(release.opensAt.getTime() + a), r);
        const late = enterWaitingRoom(release, new Date(release.opensAt.getTime() + b), r);
        expect(early).toEqual(late);
      }),
    );
  });
});
