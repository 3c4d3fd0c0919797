import { describe, expect, it } from "vitest";
import { type Kdf, PasswordChecker } from "./password.ts";

/** A fake KDF: "h:<password>" hashes, "old:<password>" is outdated; counts runs and overlap. */
function countingKdf() {
  const stats = { verify: 0, hash: 0, running: 0, maxRunning: 0 };
  const run = async <T>(value: T) => {
    stats.running += 1;
    stats.maxRunning = Math.max(stats.maxRunning, stats.running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    stats.running -= 1;
    return value;
  };
  const kdf: Kdf = {
    hash: (password) => ((stats.hash += 1), run(`h:${password}`)),
    verify: (password, stored) => ((stats.verify += 1), run(stored === `h:${password}` || stored === `old:${password}`)),
    needsRehash: (stored) => stored.startsWith("old:"),
  };
  return { kdf, stats };
}

describe("password checks", () => {
  it("verify a dummy hash when there is no stored one, so unknown accounts cost the same as wrong passwords", async () => {
    const { kdf, stats } = countingKdf();
    const checker = new PasswordChecker(1, kdf);
    await checker.check("secret", null); // the dummy hash is made once per process
    const before = { ...stats };
    expect(await checker.check("secret", null)).toEqual({ ok: false, upgradedHash: null });
    expect(stats.verify - before.verify).toBe(1);
    expect(await checker.check("wrong", "h:secret")).toEqual({ ok: false, upgradedHash: null });
    expect(stats.verify - before.verify).toBe(2);
    expect(stats.hash - before.hash).toBe(0);
  });

  it("hash again after an outdated hash, matched or not, and hand out the new hash only on a match", async () => {
    const { kdf, stats } = countingKdf();
    const checker = new PasswordChecker(1, kdf);
    expect(await checker.check("secret", "old:secret")).toEqual({ ok: true, upgradedHash: "h:secret" });
    expect(await checker.check("wrong", "old:secret")).toEqual({ ok: false, upgradedHash: null });
    expect(stats.hash).toBe(2);
  });

  it("run at most the configured number of KDFs at once", async () => {
    const { kdf, stats } = countingKdf();
    const checker = new PasswordChecker(1, kdf);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => checker.check(`p${i}`, `h:p${i % 2}`)));
    expect(results.map((r) => r.ok)).toEqual([true, true, false, false, false, false]);
    expect(stats.maxRunning).toBe(1);
  });
});
