import { describe, expect, it } from "vitest";
import { TtlCache } from "./ttl-cache.ts";

describe("TtlCache", () => {
  it("given 12,000 distinct keys, when each is loaded, then at most `max` stay cached", async () => {
    const cache = new TtlCache<string, number>(60_000, { max: 500 });
    for (let i = 0; i < 12_000; i++) await cache.get(`k${i}`, async () => i);
    expect(cache.size).toBe(500);
  });

  it("given a cached key, when asked again within the TTL, then the load is shared", async () => {
    let now = 0;
    const cache = new TtlCache<string, number>(1_000, { now: () => now });
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get("a", load)).toBe(1);
    expect(await cache.get("a", load)).toBe(1);
    now = 1_000;
    expect(await cache.get("a", load)).toBe(2);
  });

  it("given a TTL of 0, when loading, then nothing is kept", async () => {
    const cache = new TtlCache<string, number>(0);
    await cache.get("a", async () => 1);
    expect(cache.size).toBe(0);
  });

  it("given a failed load, then the key is not cached", async () => {
    const cache = new TtlCache<string, number>(60_000);
    await expect(cache.get("a", async () => Promise.reject(new Error("x")))).rejects.toThrow("x");
    await new Promise((r) => setTimeout(r, 0));
    expect(cache.size).toBe(0);
  });
});
