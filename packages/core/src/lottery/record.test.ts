import { describe, expect, it } from "vitest";
import type { LotterySlot } from "./allocate.ts";
import { entryList, entryListHash, seedCommitment, toHex } from "./draw.ts";
import { newSeedCommitment, runDraw, secretBytes } from "./record.ts";
import { nodeHashes } from "./testing/node-hashes.ts";

const secret = new Uint8Array(32).map((_, i) => 255 - i);
const commitment = seedCommitment(nodeHashes, secret);
const slots: LotterySlot[] = Array.from({ length: 5 }, (_, i) => ({
  id: `S${i}`,
  office: i < 3 ? "north" : "south",
  counter: "c1",
  start: `2026-09-0${i + 1}T07:00:00.000Z`,
  weekday: ((i + 1) % 7) + 1,
  localTime: "09:00",
}));
const applications = Array.from({ length: 12 }, (_, i) => ({
  entryCode: `TV-${String(i).padStart(4, "0")}`,
  preferences: { offices: i % 4 === 0 ? ["south"] : [], weekdays: [], timesOfDay: [] },
}));

describe("running the draw", () => {
  it("given the committed secret, publishes hash, seed, ranks and allocations that follow from them", () => {
    const result = runDraw(nodeHashes, { secret, commitment, beacon: "", slots, applications });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const record = result.value;
    expect(record.algorithm).toBe("tv-draw-1");
    expect(record.secret).toBe(toHex(secret));
    const list = entryList(applications.map((a) => a.entryCode));
    expect(record.entryListHash).toBe(entryListHash(nodeHashes, list.ok ? list.value : ""));
    expect(record.entries.map((e) => e.rank)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(record.entries.filter((e) => e.slot !== null)).toHaveLength(5);
    expect(new Set(record.entries.map((e) => e.slot).filter(Boolean)).size).toBe(5);
  });
  it("is the same whatever order the applications are read in", () => {
    const a = runDraw(nodeHashes, { secret, commitment, beacon: "x", slots, applications });
    const b = runDraw(nodeHashes, { secret, commitment, beacon: "x", slots: [...slots].reverse(), applications: [...applications].reverse() });
    expect(b).toEqual(a);
  });
  it("refuses a secret that does not match the published commitment", () => {
    const other = new Uint8Array(32);
    expect(runDraw(nodeHashes, { secret: other, commitment, beacon: "", slots, applications })).toEqual({ ok: false, error: { type: "COMMITMENT_MISMATCH" } });
  });
  it("refuses out-of-range preferences", () => {
    const bad = [{ entryCode: "X", preferences: { offices: [], weekdays: [8], timesOfDay: [] } }];
    expect(runDraw(nodeHashes, { secret, commitment, beacon: "", slots, applications: bad })).toEqual({ ok: false, error: { type: "INVALID_PREFERENCES", entryCode: "X" } });
  });
  it("a new commitment is the hash of the secret it comes with", () => {
    const { secret: hex, commitment: c } = newSeedCommitment(nodeHashes, secret);
    expect(c).toBe(commitment);
    expect(secretBytes(hex)).toEqual(secret);
  });
});
