import { describe, expect, it } from "vitest";
import { LoginThrottle } from "./login-throttle.ts";

const policy = { perAccount: 3, perAddress: 5, windowMs: 60_000, maxKeys: 4 };

describe("login throttle", () => {
  it("blocks an account after its attempts in the window, with the time until the window ends", () => {
    let now = 0;
    const throttle = new LoginThrottle(policy, () => now);
    for (let i = 0; i < 3; i++) {
      const attempt = throttle.attempt("a", `ip${i}`);
      expect(attempt.allowed).toBe(true);
      if (attempt.allowed) attempt.release(false);
    }
    now = 20_000;
    expect(throttle.attempt("a", "ip9")).toEqual({ allowed: false, retryAfterSeconds: 40 });
    now = 60_000;
    expect(throttle.attempt("a", "ip9").allowed).toBe(true);
  });

  it("counts an attempt when it starts, so parallel guesses cannot all pass", () => {
    const throttle = new LoginThrottle(policy, () => 0);
    const started = Array.from({ length: 5 }, () => throttle.attempt("a", "ip"));
    expect(started.map((a) => a.allowed)).toEqual([true, true, true, false, false]);
  });

  it("blocks an address guessing across accounts, and gives a successful attempt back", () => {
    const throttle = new LoginThrottle(policy, () => 0);
    for (let i = 0; i < 4; i++) {
      const attempt = throttle.attempt(`user${i}`, "ip");
      if (attempt.allowed) attempt.release(false);
    }
    const ok = throttle.attempt("user9", "ip");
    expect(ok.allowed).toBe(true);
    if (ok.allowed) ok.release(true);
    const last = throttle.attempt("user10", "ip");
    expect(last.allowed).toBe(true);
    expect(throttle.attempt("user11", "ip").allowed).toBe(false);
  });

  it("clears the account's count after a success", () => {
    const throttle = new LoginThrottle(policy, () => 0);
    for (let i = 0; i < 2; i++) {
      const attempt = throttle.attempt("a", `ip${i}`);
      if (attempt.allowed) attempt.release(false);
    }
    const ok = throttle.attempt("a", "ip2");
    if (ok.allowed) ok.release(true);
    expect([1, 2, 3].map(() => throttle.attempt("a", "ip3").allowed)).toEqual([true, true, true]);
  });

  it("remembers a bounded number of keys (least recently used forgotten first)", () => {
    const throttle = new LoginThrottle(policy, () => 0);
    for (let i = 0; i < 3; i++) throttle.attempt("victim", "ip-v");
    expect(throttle.attempt("victim", "ip-v").allowed).toBe(false);
    for (let i = 0; i < 4; i++) throttle.attempt(`other${i}`, `ip${i}`);
    expect(throttle.attempt("victim", "ip-v").allowed).toBe(true);
  });
});
