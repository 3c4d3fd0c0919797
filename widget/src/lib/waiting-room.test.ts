import { afterEach, describe, expect, it, vi } from "vitest";
import type { WaitingRoom, WaitingRoomTicket } from "./types.ts";
import { loadTicket, roomState, saveTicket } from "./waiting-room.ts";

const RELEASE = "2026-03-03T07:00:00.000Z";
const at = (iso: string) => Date.parse(iso);
const room = (phase: WaitingRoom["phase"]): WaitingRoom => ({ releaseAt: RELEASE, opensAt: "2026-03-03T06:45:00.000Z", phase });
const ticket: WaitingRoomTicket = { ticket: "t-1", admitAt: "2026-03-03T07:00:37.000Z", releaseAt: RELEASE };

describe("roomState", () => {
  it("is free without a room (none announced, or it is over)", () => {
    expect(roomState(null, undefined, at(RELEASE))).toEqual({ kind: "free" });
    expect(roomState(undefined, ticket, at(RELEASE))).toEqual({ kind: "free" });
  });

  it("announced: upcoming until the room opens, then due (ask the gateway again)", () => {
    expect(roomState(room("UPCOMING"), undefined, at("2026-03-03T06:00:00Z"))).toEqual({ kind: "upcoming", at: at("2026-03-03T06:45:00Z") });
    expect(roomState(room("UPCOMING"), undefined, at("2026-03-03T06:45:00Z"))).toEqual({ kind: "due" });
  });

  it("open without a ticket: due (enter the room), in either phase", () => {
    expect(roomState(room("WAITING"), undefined, at("2026-03-03T06:50:00Z"))).toEqual({ kind: "due" });
    expect(roomState(room("ADMITTING"), undefined, at("2026-03-03T07:00:10Z"))).toEqual({ kind: "due" });
  });

  it("with a ticket: waiting until the admission time, free from then on", () => {
    expect(roomState(room("WAITING"), ticket, at("2026-03-03T06:50:00Z"))).toEqual({ kind: "waiting", at: at(ticket.admitAt) });
    expect(roomState(room("ADMITTING"), ticket, at("2026-03-03T07:00:36.999Z"))).toEqual({ kind: "waiting", at: at(ticket.admitAt) });
    expect(roomState(room("ADMITTING"), ticket, at(ticket.admitAt))).toEqual({ kind: "free" });
  });

  it("does not take a ticket of another release (a new release needs a new draw)", () => {
    const old = { ...ticket, releaseAt: "2026-02-03T07:00:00.000Z", admitAt: "2026-02-03T07:00:10.000Z" };
    expect(roomState(room("WAITING"), old, at("2026-03-03T06:50:00Z"))).toEqual({ kind: "due" });
  });

  it("while the gateway says to ask again: waiting until then, due from then on", () => {
    const asked = { ...ticket, admitAtFinal: true, pollAt: at("2026-03-03T07:00:20Z") };
    expect(roomState(room("ADMITTING"), asked, at("2026-03-03T07:00:10Z"))).toEqual({ kind: "waiting", at: at("2026-03-03T07:00:20Z") });
    expect(roomState(room("ADMITTING"), asked, at("2026-03-03T07:00:20Z"))).toEqual({ kind: "due" });
    // Admitted (no more polls): free from the admission time on.
    const admitted = { ...ticket, admitAtFinal: true };
    expect(roomState(room("ADMITTING"), admitted, at(ticket.admitAt))).toEqual({ kind: "free" });
  });

  it("sold out: nobody else gets in, with or without a ticket", () => {
    const soldOut = { ...room("ADMITTING"), soldOut: true, nextReleaseAt: "2026-04-03T07:00:00.000Z" };
    expect(roomState(soldOut, undefined, at("2026-03-03T07:01:00Z"))).toEqual({ kind: "soldOut" });
    expect(roomState(soldOut, { ...ticket, pollAt: at("2026-03-03T07:02:00Z") }, at("2026-03-03T07:01:00Z"))).toEqual({ kind: "soldOut" });
  });

  it("compares instants, not their spelling", () => {
    const spelled = { ...ticket, releaseAt: "2026-03-03T08:00:00+01:00" };
    expect(roomState(room("WAITING"), spelled, at("2026-03-03T06:50:00Z"))).toEqual({ kind: "waiting", at: at(ticket.admitAt) });
  });

  it("holds still until notBefore (a pause after a refused entry or an early hold), whatever the clock says", () => {
    const now = at("2026-03-03T07:00:40Z");
    expect(roomState(room("ADMITTING"), ticket, now, now + 2000)).toEqual({ kind: "waiting", at: now + 2000 });
    expect(roomState(room("WAITING"), undefined, now, now + 5000)).toEqual({ kind: "waiting", at: now + 5000 });
    expect(roomState(room("UPCOMING"), undefined, at("2026-03-03T06:46:00Z"), at("2026-03-03T06:46:05Z"))).toEqual({
      kind: "upcoming",
      at: at("2026-03-03T06:46:05Z"),
    });
    expect(roomState(room("WAITING"), undefined, now + 5000, now + 5000)).toEqual({ kind: "due" });
  });
});

describe("the tab's ticket", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    saveTicket("demo");
  });

  it("is kept per tenant in sessionStorage and only given back for the same release", () => {
    const items = new Map<string, string>();
    vi.stubGlobal("sessionStorage", {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => items.set(k, v),
      removeItem: (k: string) => items.delete(k),
    });
    saveTicket("demo", ticket);
    expect(JSON.parse(items.get("terminvergabe-waiting-room:demo")!)).toEqual(ticket);
    expect(loadTicket("demo", RELEASE)).toEqual(ticket);
    expect(loadTicket("demo", "2026-04-01T07:00:00.000Z")).toBeUndefined();
    expect(loadTicket("other", RELEASE)).toBeUndefined();
    saveTicket("demo");
    expect(items.size).toBe(0);
    expect(loadTicket("demo", RELEASE)).toBeUndefined();
  });

  it("survives a reload: read back from sessionStorage by a fresh page", async () => {
    const items = new Map([["terminvergabe-waiting-room:demo", JSON.stringify(ticket)]]);
    vi.stubGlobal("sessionStorage", { getItem: (k: string) => items.get(k) ?? null });
    expect(loadTicket("demo", RELEASE)).toEqual(ticket);
  });

  it("stays in memory where sessionStorage is forbidden or broken", () => {
    vi.stubGlobal("sessionStorage", {
      getItem: () => "{not json",
      setItem: () => {
        throw new DOMException("quota", "QuotaExceededError");
      },
      removeItem: () => undefined,
    });
    saveTicket("demo", ticket);
    expect(loadTicket("demo", RELEASE)).toEqual(ticket);
    Object.defineProperty(globalThis, "sessionStorage", {
      configurable: true,
      get() {
        throw new DOMException("denied", "SecurityError");
      },
    });
    expect(loadTicket("demo", RELEASE)).toEqual(ticket);
    delete (globalThis as { sessionStorage?: unknown }).sessionStorage;
  });
});
