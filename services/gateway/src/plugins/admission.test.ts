import { describe, expect, it } from "vitest";
import { AdmissionControl } from "./admission.ts";

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

  it("sheds new requests once even the fastest request of an interval waited longer than the bound", () => {
    const { admission, advance } = control();
    const ends = Array.from({ length: 10 }, () => admission.begin());
    advance(250);
    for (const end of ends) end(); // every one of them spent 250 ms inside
    advance(10);
    expect(admission.admit()).toBe(false);
  });

  it("a burst whose queue drains is not overload: one fast answer in the interval suffices", () => {
    const { admission, advance } = control();
    const slow = admission.begin();
    advance(150);
    const fast = admission.begin();
    advance(60);
    slow(); // 210 ms
    fast(); // 60 ms
    advance(10);
    expect(admission.admit()).toBe(true);
  });

  it("counts requests still in flight when none completed (everything stuck)", () => {
    const { admission, advance } = control();
    admission.begin();
    advance(300);
    expect(admission.admit()).toBe(false);
  });

  it("recovers once the queue has drained", () => {
    const { admission, advance } = control();
    const end = admission.begin();
    advance(300);
    expect(admission.admit()).toBe(false);
    end();
    advance(100); // an interval with only the slow completion: still over
    expect(admission.admit()).toBe(false);
    advance(100); // an interval with nothing in flight and nothing completed
    expect(admission.admit()).toBe(true);
  });

  it("sheds while the event loop itself lags behind the bound", () => {
    const { admission, advance, setLag } = control();
    setLag(350);
    advance(100);
    expect(admission.admit()).toBe(false);
    setLag(5);
    advance(100);
    expect(admission.admit()).toBe(true);
  });

  it("is off with a bound of 0", () => {
    const admission = new AdmissionControl({ maxDelayMs: 0, loopDelayMs: () => 10_000, now: () => 0 });
    expect(admission.enabled).toBe(false);
    expect(admission.admit()).toBe(true);
  });

  it("spreads retries over 1–3 s", () => {
    const { admission } = control();
    expect(admission.retryAfterSeconds(() => 0)).toBe(1);
    expect(admission.retryAfterSeconds(() => 0.999)).toBe(3);
  });
});
