import { describe, expect, it } from "vitest";
import { AdmissionControl, isWrite } from "./admission.ts";

function control(loopDelay = 0) {
  let now = 0;
  let lag = loopDelay;
  const admission = new AdmissionControl({ maxDelayMs: 200, intervalMs: 100, now: () => now, loopDelayMs: () => lag });
  return {
    admission,
    advance: (ms: number) => (now += ms),
    setLag: (ms: number) => (lag = ms),
  };
}

/**
 * Steady traffic: a request arrives every 50 ms and is answered `sojournMs` later; returns
 * whether the last arrival was admitted.
 */
function traffic(admission: AdmissionControl, advance: (ms: number) => void, sojournMs: number, arrivals: number): boolean {
  const open: { endAt: number; end: () => void }[] = [];
  let t = 0;
  let admitted = true;
  for (let i = 0; i < arrivals; i++) {
    admitted = admission.admit();
    open.push({ endAt: t + sojournMs, end: admission.begin() });
    for (let step = 0; step < 50; step += 10) {
      advance(10);
      t += 10;
      for (const r of open.filter((r) => r.endAt <= t)) {
        r.end();
        open.splice(open.indexOf(r), 1);
      }
    }
  }
  return admitted;
}

describe("admission control", () => {
  it("admits while requests are answered quickly", () => {
    const { admission, advance } = control();
    for (let i = 0; i < 50; i++) {
      expect(admission.admit()).toBe(true);
      const end = admission.begin();
      advance(5);
      end();
    }
  });

  it("sheds new requests once even the fastest request of an interval was slower than the bound, interval after interval", () => {
    const queued = control();
    expect(traffic(queued.admission, queued.advance, 250, 20)).toBe(false);
    const fast = control();
    expect(traffic(fast.admission, fast.advance, 60, 20)).toBe(true);
  });

  it("a burst whose queue drains is not overload: one fast answer in the interval suffices", () => {
    const { admission, advance } = control();
    for (let round = 0; round < 3; round++) {
      const slow = admission.begin();
      advance(150);
      const fast = admission.begin();
      advance(60);
      slow(); // 210 ms
      fast(); // 60 ms
      expect(admission.admit()).toBe(true);
    }
  });

  it("counts requests still in flight when none completed (everything stuck)", () => {
    const { admission, advance } = control();
    admission.begin();
    advance(300);
    expect(admission.admit()).toBe(true);
    advance(100);
    expect(admission.admit()).toBe(false);
  });

  it("recovers once the queue has drained", () => {
    const { admission, advance } = control();
    const end = admission.begin();
    advance(300);
    admission.admit();
    advance(100);
    expect(admission.admit()).toBe(false);
    end();
    advance(100);
    admission.admit(); // an interval with nothing in flight and nothing completed…
    advance(100);
    expect(admission.admit()).toBe(true); // …ends the streak
  });

  it("sheds while the event loop itself lags behind the bound, not on a single pause", () => {
    const { admission, advance, setLag } = control();
    setLag(350);
    advance(100);
    expect(admission.admit()).toBe(true);
    advance(100);
    expect(admission.admit()).toBe(false);
    setLag(5);
    advance(100);
    expect(admission.admit()).toBe(true);
  });

  it("lets writes (holding, confirming) through until the queue is four times the bound", () => {
    const { admission, advance, setLag } = control();
    setLag(500); // 2.5 × the bound
    advance(100);
    admission.admit();
    advance(100);
    expect(admission.admit("read")).toBe(false);
    expect(admission.admit("write")).toBe(true);
    setLag(900); // 4.5 × the bound
    advance(100);
    expect(admission.admit("write")).toBe(false);
  });

  it("tells writes from reads by the query text", () => {
    expect(isWrite("mutation ($input: HoldSlotInput!) { holdSlot(input: $input) { __typename } }")).toBe(true);
    expect(isWrite("# a comment\n  mutation { logout }")).toBe(true);
    expect(isWrite("query { tenant(slug: \"x\") { name } }")).toBe(false);
    expect(isWrite("{ __typename }")).toBe(false);
    expect(isWrite(undefined)).toBe(false);
  });

  it("is off with a bound of 0", () => {
    const admission = new AdmissionControl({ maxDelayMs: 0, loopDelayMs: () => 10_000, now: () => 0 });
    expect(admission.enabled).toBe(false);
    expect(admission.admit()).toBe(true);
  });

  it("spreads retries over 1–3 s, and over longer times the longer the overload lasts (at most 30 s)", () => {
    const { admission, advance, setLag } = control();
    expect(admission.retryAfterSeconds(() => 0)).toBe(1);
    expect(admission.retryAfterSeconds(() => 0.999)).toBe(3);
    setLag(500);
    for (let i = 0; i < 20; i++) {
      advance(100);
      admission.admit();
    }
    expect(admission.retryAfterSeconds(() => 0)).toBe(5); // two seconds of overload
    expect(admission.retryAfterSeconds(() => 0.999)).toBe(11);
    for (let i = 0; i < 600; i++) {
      advance(100);
      admission.admit();
    }
    expect(admission.retryAfterSeconds(() => 0.999)).toBe(30);
  });
});
