import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type LotterySlot, moveUpCandidate, type TimeOfDay } from "./allocate.ts";
import { seedCommitment } from "./draw.ts";
import { type DrawRecord, runDraw } from "./record.ts";
import { nodeHashes } from "./testing/node-hashes.ts";

/**
 * The independent Python verifier (tools/verify-draw) against records of this implementation:
 * it must accept them as they are and refuse every kind of tampering.
 */
const verifier = fileURLToPath(new URL("../../../../tools/verify-draw/verify_draw.py", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "tv-verify-"));
let files = 0;

function verify(record: unknown, ...args: string[]) {
  const file = join(dir, `record-${files++}.json`);
  writeFileSync(file, JSON.stringify(record));
  const run = spawnSync("python3", [verifier, file, ...args], { encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const secret = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);
const commitment = seedCommitment(nodeHashes, secret);
const offices = ["nord", "sued"];
const times: TimeOfDay[] = ["MORNING", "AFTERNOON", "EVENING"];
const slots: LotterySlot[] = Array.from({ length: 30 }, (_, i) => {
  const hour = 8 + (i % 10);
  return {
    id: `slot-${String(i).padStart(2, "0")}`,
    office: offices[i % 2] as string,
    counter: `${offices[i % 2]}-${i % 3}`,
    start: new Date(Date.UTC(2026, 8, 1 + Math.floor(i / 10), hour - 2)).toISOString(),
    weekday: 2 + Math.floor(i / 10),
    localTime: `${String(hour).padStart(2, "0")}:00`,
  };
});
const applications = Array.from({ length: 120 }, (_, i) => ({
  entryCode: `TV-${(i * 7919).toString(36).toUpperCase().padStart(5, "0")}-${String(i).padStart(3, "0")}`,
  preferences: {
    offices: i % 3 === 0 ? [offices[i % 2] as string] : [],
    weekdays: i % 5 === 0 ? [3] : [],
    timesOfDay: i % 4 === 0 ? [times[i % 3] as TimeOfDay] : [],
  },
}));
const drawn = runDraw(nodeHashes, { secret, commitment, beacon: "Lotto 6aus49 – Samstag, 4. Juli 2026: 3 11 19 27 38 45", slots, applications });
if (!drawn.ok) throw new Error(JSON.stringify(drawn.error));
const record: DrawRecord = drawn.value;

/** Two winners give their slots back; each goes to the best-ranked fitting waiting entry; one waiting entry withdrew first. */
function withMoveUps() {
  const waiting = record.entries.filter((e) => e.slot === null).map((e) => ({ entryCode: e.entryCode, rank: e.rank, preferences: e.preferences }));
  const leftPool = [{ at: "2026-07-08T10:00:00.000Z", entryCode: waiting[0]!.entryCode }];
  let pool = waiting.slice(1);
  const moveUps = [];
  for (const [n, winner] of record.entries.filter((e) => e.slot !== null).slice(0, 2).entries()) {
    const freed = slots.find((s) => s.id === winner.slot)!;
    const next = moveUpCandidate(freed, pool);
    if (!next) continue;
    moveUps.push({ at: `2026-07-2${n}T08:00:00.000Z`, slot: freed.id, entryCode: next.entryCode });
    pool = pool.filter((p) => p !== next);
  }
  return { ...record, tenant: "demo-steuerberatung", campaign: "test", moveUps, leftPool };
}

// Each case starts a Python process (four in one case); on a loaded two-core machine that can
// take longer than vitest's default 5 s, so the cases get 60 s.
describe("the independent verifier", { timeout: 60_000 }, () => {
  it("accepts a record of this implementation, with the values published in advance", () => {
    const result = verify(record, "--commitment", commitment, "--entry-list-hash", record.entryListHash);
    expect(result.output).toContain("draw record verified");
    expect(result.status).toBe(0);
  });
  it("accepts correct move-ups", () => {
    const result = verify(withMoveUps());
    expect(result.output).toContain("every move-up went to the best-ranked waiting entry");
    expect(result.status).toBe(0);
  });
  it("refuses a swapped rank", () => {
    const entries = record.entries.map((e) => (e.rank === 1 ? { ...e, rank: 2 } : e.rank === 2 ? { ...e, rank: 1 } : e));
    const result = verify({ ...record, entries });
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/FAIL\s+every rank follows/);
  });
  it("refuses a moved allocation", () => {
    const loser = record.entries.find((e) => e.slot === null)!;
    const entries = record.entries.map((e) => (e.entryCode === loser.entryCode ? { ...e, slot: record.entries[0]!.slot } : e));
    expect(verify({ ...record, entries }).output).toMatch(/FAIL\s+every allocation follows/);
  });
  it("refuses a secret that is not the committed one, a dropped entry and another beacon", () => {
    expect(verify(record, "--commitment", "0".repeat(64)).status).toBe(1);
    expect(verify({ ...record, secret: "1".repeat(64) }).output).toMatch(/FAIL\s+SHA-256\(secret\) = commitment/);
    expect(verify({ ...record, entries: record.entries.slice(1) }).output).toMatch(/FAIL\s+SHA-256\(entry list\)/);
    expect(verify({ ...record, beacon: "other" }).output).toMatch(/FAIL\s+drawSeed/);
  });
  it("refuses a move-up that passes over a better-ranked fitting entry", () => {
    const good = withMoveUps();
    const first = good.moveUps[0]!;
    const waitingAfter = record.entries.filter((e) => e.slot === null && e.entryCode !== first.entryCode && e.entryCode !== good.leftPool[0]!.entryCode);
    const worse = waitingAfter.reverse().find((e) => e.preferences.offices.length === 0 && e.preferences.weekdays.length === 0 && e.preferences.timesOfDay.length === 0)!;
    const result = verify({ ...good, moveUps: [{ ...first, entryCode: worse.entryCode }] });
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/FAIL\s+every move-up/);
  });
  it("answers 2 for an unreadable file", () => {
    expect(spawnSync("python3", [verifier, join(dir, "missing.json")]).status).toBe(2);
  });
});
