import { describe, expect, it } from "vitest";
import { daysLeft, timeline } from "./timeline.ts";

const current = (steps: ReturnType<typeof timeline>) => steps.find((s) => s.status === "current")?.station;

describe("a request's timeline", () => {
  it("given a fresh application in an open campaign, when shown, then 'applied' is current and the rest upcoming", () => {
    const steps = timeline("APPLIED", "OPEN");
    expect(steps.map((s) => s.station)).toEqual(["applied", "drawn", "offered", "confirmed"]);
    expect(current(steps)).toBe("applied");
    expect(steps.filter((s) => s.status === "upcoming")).toHaveLength(3);
  });
  it("given the window closed, when the draw is pending, then the draw is current", () => {
    expect(current(timeline("APPLIED", "CLOSED"))).toBe("drawn");
  });
  it("given an offer, when shown, then applied and drawn are done and the offer is current", () => {
    const steps = timeline("OFFERED", "DRAWN");
    expect(steps.slice(0, 2).every((s) => s.status === "done")).toBe(true);
    expect(current(steps)).toBe("offered");
  });
  it("given a confirmed appointment, when shown, then every station is done", () => {
    expect(timeline("CONFIRMED", "DRAWN").every((s) => s.status === "done")).toBe(true);
  });
  it("given the waiting list, when shown, then it sits between the draw and an offer that may still come", () => {
    const steps = timeline("WAITLISTED", "DRAWN");
    expect(steps.map((s) => s.station)).toEqual(["applied", "drawn", "waitlisted", "offered", "confirmed"]);
    expect(current(steps)).toBe("waitlisted");
  });
  it("given a withdrawal or a declined offer, when shown, then the request has ended", () => {
    expect(current(timeline("WITHDRAWN", "OPEN"))).toBe("ended");
    expect(timeline("DECLINED", "DRAWN").map((s) => s.station)).toEqual(["applied", "drawn", "offered", "ended"]);
  });
});

describe("days left until an offer's deadline", () => {
  const now = Date.parse("2030-07-06T10:00:00Z");
  it("given 13 days and an hour, when counted, then 13 whole days", () => {
    expect(daysLeft("2030-07-19T11:00:00Z", now)).toBe(13);
  });
  it("given a day and a few hours, when counted, then 1", () => {
    expect(daysLeft("2030-07-07T21:59:59Z", now)).toBe(1);
  });
  it("given a few hours, when counted, then 0 (less than a day)", () => {
    expect(daysLeft("2030-07-06T21:59:59Z", now)).toBe(0);
  });
  it("given a deadline in the past, when counted, then 0", () => {
    expect(daysLeft("2030-07-05T10:00:00Z", now)).toBe(0);
  });
});
