import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_TENANT_POLICY } from "../catalog/types.ts";
import {
  checkAdmission,
  drawnAdmission,
  enterWaitingRoom,
  isSoldOut,
  MAX_POLL_MS,
  MIN_POLL_MS,
  queueEndsAt,
  releaseOf,
  stillWaiting,
  ticketStatus,
  waitingRoomPhase,
} from "./waiting-room.ts";

const policy = {
  ...DEFAULT_TENANT_POLICY,
  releaseAt: "2030-01-02T07:00:00.000Z",
  waitingRoomOpensMinutes: 15,
  waitingRoomAdmitPerSecond: 40,
  nextReleaseAt: "2030-02-02T07:00:00.000Z",
};
const release = releaseOf(policy)!;
const t = (iso: string) => new Date(`2030-01-02T${iso}Z`);
const empty = { drawn: 0, late: 0 };

describe("the waiting room of an announced release", () => {
  it("has no room without a release, or with a malformed one; a next release only after this one", () => {
    expect(releaseOf(DEFAULT_TENANT_POLICY)).toBeNull();
    expect(releaseOf({ ...policy, releaseAt: "morgen früh" })).toBeNull();
    expect(release.nextAt).toEqual(new Date("2030-02-02T07:00:00.000Z"));
    expect(releaseOf({ ...policy, nextReleaseAt: "2029-12-01T07:00:00.000Z" })!.nextAt).toBeNull();
    expect(releaseOf({ ...policy, nextReleaseAt: "" })!.nextAt).toBeNull();
  });

  it("goes UPCOMING → WAITING (15 min before) → ADMITTING (until the queue is through + 1 min) → OVER", () => {
    const queue = { drawn: 4_000, late: 0 }; // 100 s at 40 per second
    expect(waitingRoomPhase(release, t("06:44:59"), queue)).toBe("UPCOMING");
    expect(waitingRoomPhase(release, t("06:45:00"), queue)).toBe("WAITING");
    expect(waitingRoomPhase(release, t("07:00:00"), queue)).toBe("ADMITTING");
    expect(queueEndsAt(release, queue)).toEqual(t("07:01:40"));
    expect(waitingRoomPhase(release, t("07:02:39.999"), queue)).toBe("ADMITTING");
    expect(waitingRoomPhase(release, t("07:02:40"), queue)).toBe("OVER");
    expect(waitingRoomPhase(release, t("07:01:00"), empty)).toBe("OVER");
  });

  describe("given the room is open before the release, when someone enters", () => {
    it("then they draw a lot and no admission time yet, whatever the arrival time", () => {
      expect(enterWaitingRoom(release, t("06:45:00"), empty, false, 0.5)).toEqual({ ok: true, value: { lot: 0.5, admitAt: null } });
      expect(enterWaitingRoom(release, t("06:59:59.999"), { drawn: 9_999, late: 0 }, false, 0.25)).toEqual({ ok: true, value: { lot: 0.25, admitAt: null } });
    });
  });

  describe("given 4,000 tickets were drawn before the release, paced at 40 per second", () => {
    const drawn = 4_000;
    it("then a ticket is admitted at its lot's share of the 100 s the queue takes", () => {
      expect(drawnAdmission(release, 0, drawn)).toEqual(t("07:00:00"));
      expect(drawnAdmission(release, 0.5, drawn)).toEqual(t("07:00:50"));
      expect(drawnAdmission(release, 0.999, drawn)).toEqual(t("07:01:39.900"));
    });

    it("then someone arriving after the release queues behind them, at the same pace", () => {
      const queue = { drawn, late: 40 };
      expect(enterWaitingRoom(release, t("07:00:10"), queue, false, 0.3)).toEqual({ ok: true, value: { lot: 0.3, admitAt: t("07:01:41") } });
    });

    it("then someone arriving once the queue is through is admitted at once", () => {
      expect(enterWaitingRoom(release, t("07:02:00"), { drawn, late: 0 }, false, 0.3)).toEqual({ ok: true, value: { lot: 0.3, admitAt: t("07:02:00") } });
    });

    it("then no more are admitted per second than the pace (property over the lots)", () => {
      fc.assert(
        fc.property(fc.array(fc.double({ min: 0, max: 0.999999, noNaN: true }), { minLength: 50, maxLength: 400 }), (lots) => {
          const times = lots.map((lot) => drawnAdmission(release, lot, lots.length).getTime() - release.at.getTime());
          // Every ticket is admitted within the queue's length at the pace: n / 40 s.
          expect(Math.max(...times)).toBeLessThan((lots.length / 40) * 1000);
          // The order is the lots' order, not the arrival order.
          const byLot = [...lots.keys()].sort((a, b) => lots[a]! - lots[b]!);
          for (let i = 1; i < byLot.length; i++) expect(times[byLot[i]!]!).toBeGreaterThanOrEqual(times[byLot[i - 1]!]!);
        }),
      );
    });
  });

  it("property: the arrival time before the release has no influence on the admission time", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 15 * 60_000 - 1 }), fc.integer({ min: 0, max: 15 * 60_000 - 1 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (a, b, r) => {
        const early = enterWaitingRoom(release, new Date(release.opensAt.getTime() + a), { drawn: 10, late: 0 }, false, r);
        const late = enterWaitingRoom(release, new Date(release.opensAt.getTime() + b), { drawn: 10, late: 0 }, false, r);
        expect(early).toEqual(late);
      }),
    );
  });

  it("hands out no ticket before the room opens, after it is over, or once the release is sold out", () => {
    expect(enterWaitingRoom(release, t("06:30:00"), empty, false, 0.5)).toEqual({ ok: false, error: { type: "WAITING_ROOM_NOT_OPEN", opensAt: t("06:45:00") } });
    expect(enterWaitingRoom(release, t("08:00:00"), empty, false, 0.5)).toEqual({ ok: false, error: { type: "NO_WAITING_ROOM" } });
    expect(enterWaitingRoom(null, t("06:50:00"), empty, false, 0.5)).toEqual({ ok: false, error: { type: "NO_WAITING_ROOM" } });
    expect(enterWaitingRoom(release, t("07:00:30"), { drawn: 4_000, late: 0 }, true, 0.5)).toEqual({
      ok: false,
      error: { type: "SOLD_OUT", nextReleaseAt: new Date("2030-02-02T07:00:00.000Z") },
    });
  });

  describe("sold out", () => {
    it("given calendars without a free start, when the release has come, then it is sold out", () => {
      const full = [[{ freeStartCount: 0 }, { freeStartCount: 0 }], [{ freeStartCount: 0 }]];
      expect(isSoldOut(release, t("07:00:30"), full)).toBe(true);
      expect(isSoldOut(release, t("07:00:30"), [])).toBe(true);
    });

    it("given one free start anywhere, then it is not", () => {
      expect(isSoldOut(release, t("07:00:30"), [[{ freeStartCount: 0 }], [{ freeStartCount: 0 }, { freeStartCount: 1 }]])).toBe(false);
    });

    it("given the release has not come, then it cannot be sold out", () => {
      expect(isSoldOut(release, t("06:59:59"), [[{ freeStartCount: 0 }]])).toBe(false);
    });
  });

  describe("a waiting citizen asks where they stand", () => {
    const drawn = { drawn: 4_000, late: 0 };
    const ticket = { lot: 0.5, fixedAdmitAt: null };

    it("before the release: the earliest possible time, not final, and to ask again then", () => {
      const status = ticketStatus(release, t("06:50:00"), { drawn: 1_000, late: 0 }, ticket, false, 0.5);
      expect(status).toEqual({ type: "WAITING", admitAt: t("07:00:12.500"), final: false, pollAt: t("07:00:12.500") });
    });

    it("before the release, with a late lot: to ask again within one interval after the release, not at the turn (so a sell-out reaches them)", () => {
      // 1,000 waiting, asked at 80 per second at most: an interval of 12.5 s from the release — the turn would be 07:00:22.500.
      const status = ticketStatus(release, t("06:50:00"), { drawn: 1_000, late: 0 }, { lot: 0.9, fixedAdmitAt: null }, false, 0.5);
      expect(status).toEqual({ type: "WAITING", admitAt: t("07:00:22.500"), final: false, pollAt: t("07:00:12.500") });
      const crowd = ticketStatus(release, t("06:59:00"), { drawn: 20_000, late: 0 }, { lot: 0.9, fixedAdmitAt: null }, false, 0.5);
      expect(crowd).toMatchObject({ type: "WAITING", final: false, pollAt: new Date(t("07:00:00").getTime() + MAX_POLL_MS) });
    });

    it("after the release: the final time, and a poll spread by the number still waiting, never later than the admission", () => {
      const status = ticketStatus(release, t("07:00:10"), drawn, ticket, false, 0.5);
      // 3,600 still waiting, asked at 80 per second at most: every 45 s — but the turn comes at 07:00:50.
      expect(status).toEqual({ type: "WAITING", admitAt: t("07:00:50"), final: true, pollAt: t("07:00:50") });
      const far = ticketStatus(release, t("07:00:10"), drawn, { lot: 0.99, fixedAdmitAt: null }, false, 0.5);
      expect(far).toMatchObject({ type: "WAITING", final: true, pollAt: t("07:00:55") });
    });

    it("polls are at least MIN_POLL_MS and at most MAX_POLL_MS (+25 %) apart", () => {
      const crowd = { drawn: 1_000_000, late: 0 };
      const status = ticketStatus(release, t("07:00:10"), crowd, { lot: 0.99, fixedAdmitAt: null }, false, 1);
      expect(status).toMatchObject({ type: "WAITING", pollAt: new Date(t("07:00:10").getTime() + MAX_POLL_MS * 1.25) });
      const few = ticketStatus(release, t("07:00:10"), { drawn: 0, late: 1 }, { lot: 0.5, fixedAdmitAt: t("07:01:00") }, false, 0);
      expect(few).toMatchObject({ type: "WAITING", pollAt: new Date(t("07:00:10").getTime() + MIN_POLL_MS) });
      // …unless the turn comes sooner: then at the turn.
      const soon = ticketStatus(release, t("07:00:49.5"), drawn, ticket, false, 0);
      expect(soon).toMatchObject({ type: "WAITING", pollAt: t("07:00:50") });
    });

    it("admitted once the final time has come; a ticket taken after the release keeps its fixed time", () => {
      expect(ticketStatus(release, t("07:00:50"), drawn, ticket, false, 0.5)).toEqual({ type: "ADMITTED", admitAt: t("07:00:50") });
      expect(ticketStatus(release, t("07:01:45"), drawn, { lot: 0.1, fixedAdmitAt: t("07:01:41") }, false, 0.5)).toEqual({
        type: "ADMITTED",
        admitAt: t("07:01:41"),
      });
    });

    it("sold out: told at once, with the next release, whatever the ticket", () => {
      expect(ticketStatus(release, t("07:00:30"), drawn, ticket, true, 0.5)).toEqual({ type: "SOLD_OUT", nextReleaseAt: new Date("2030-02-02T07:00:00.000Z") });
    });

    it("counts who is still waiting from the queue and the pace", () => {
      expect(stillWaiting(release, drawn, t("06:59:00"))).toBe(4_000);
      expect(stillWaiting(release, drawn, t("07:00:50"))).toBe(2_000);
      expect(stillWaiting(release, drawn, t("07:05:00"))).toBe(0);
    });
  });

  describe("holding while the room is open", () => {
    const queue = { drawn: 4_000, late: 0 };
    it("needs a ticket", () => {
      expect(checkAdmission(release, t("06:50:00"), queue, null)).toEqual({ ok: false, error: { type: "TICKET_REQUIRED", releaseAt: t("07:00:00") } });
      expect(checkAdmission(release, t("07:00:10"), queue, null)).toEqual({ ok: false, error: { type: "TICKET_REQUIRED", releaseAt: t("07:00:00") } });
    });

    it("waits for the ticket's admission time", () => {
      expect(checkAdmission(release, t("07:00:10"), queue, t("07:00:30"))).toEqual({ ok: false, error: { type: "NOT_YET_ADMITTED", admitAt: t("07:00:30") } });
      expect(checkAdmission(release, t("07:00:30"), queue, t("07:00:30"))).toEqual({ ok: true, value: undefined });
    });

    it("needs nothing outside the room's time, or without a release", () => {
      expect(checkAdmission(release, t("06:00:00"), queue, null).ok).toBe(true);
      expect(checkAdmission(release, t("07:05:00"), queue, null).ok).toBe(true);
      expect(checkAdmission(null, t("07:00:10"), queue, null).ok).toBe(true);
    });
  });
});
