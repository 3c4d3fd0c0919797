import type { BusyInterval } from "@terminvergabe/core";
import { describe, expect, it } from "vitest";
import { BusySnapshots } from "./busy-snapshots.ts";

const NOW = new Date("2030-03-01T08:00:00Z");
const interval = (n: number): BusyInterval => ({
  counterId: `c${n}`,
  start: new Date(NOW.getTime() + n * 60_000),
  end: new Date(NOW.getTime() + (n + 30) * 60_000),
  channel: "ONLINE",
});

/** A database whose reads the test completes by hand. */
function database() {
  let version = 0;
  const pending: (() => void)[] = [];
  return {
    reads: 0,
    change() {
      version++;
    },
    load(this: { reads: number }) {
      this.reads++;
      const at = version;
      return new Promise<BusyInterval[]>((resolve) => pending.push(() => resolve([interval(at)])));
    },
    settle: () => pending.splice(0).forEach((done) => done()),
  };
}

function setup(maxStalenessMs = 1_000) {
  let mono = 0;
  const snapshots = new BusySnapshots({ maxStalenessMs, ttlMs: 5_000, monotonic: () => mono });
  const db = database();
  const get = (fresh = false) => snapshots.get("office", NOW, () => db.load(), fresh);
  const version = async (p: Promise<BusyInterval[]>) => Number((await p)[0]!.counterId.slice(1));
  return { snapshots, db, get, version, advance: (ms: number) => (mono += ms) };
}

describe("busy-time snapshots with bounded staleness", () => {
  it("shares one read among concurrent first readers", async () => {
    const { db, get, version } = setup();
    const a = get();
    const b = get();
    db.settle();
    expect([await version(a), await version(b)]).toEqual([0, 0]);
    expect(db.reads).toBe(1);
  });

  it("keeps answering from the snapshot for the staleness bound after a change, without waiting", async () => {
    const { snapshots, db, get, version, advance } = setup();
    const first = get();
    db.settle();
    await first;
    db.change();
    snapshots.noteChange("office");
    advance(500);
    expect(await version(get())).toBe(0); // within the bound: the old snapshot, no read
    expect(db.reads).toBe(1);
    advance(600);
    expect(await version(get())).toBe(0); // past the bound: still answered at once…
    expect(db.reads).toBe(2); // …while one read refreshes it in the background
    db.settle();
    await new Promise((r) => setTimeout(r, 0));
    expect(await version(get())).toBe(1);
    expect(db.reads).toBe(2);
  });

  it("fresh readers (live pushes) wait for a read that started after the latest change", async () => {
    const { snapshots, db, get, version } = setup();
    const first = get();
    db.settle();
    await first;
    db.change();
    snapshots.noteChange("office");
    const a = get(true);
    // another change while that read is in flight: a second fresh reader must not take it
    db.change();
    snapshots.noteChange("office");
    const b = get(true);
    db.settle();
    expect(await version(a)).toBe(1);
    await new Promise((r) => setTimeout(r, 0));
    db.settle();
    expect(await version(b)).toBe(2);
  });

  it("with a bound of 0 every read after a change waits for the database", async () => {
    const { snapshots, db, get, version } = setup(0);
    const first = get();
    db.settle();
    await first;
    db.change();
    snapshots.noteChange("office");
    const next = get();
    db.settle();
    expect(await version(next)).toBe(1);
  });

  it("reads again when the snapshot is older than the TTL by the domain clock", async () => {
    const { db, version } = setup();
    const snapshots = new BusySnapshots({ maxStalenessMs: 1_000, ttlMs: 5_000 });
    const first = snapshots.get("office", NOW, () => db.load());
    db.settle();
    await first;
    db.change();
    const later = snapshots.get("office", new Date(NOW.getTime() + 6_000), () => db.load());
    db.settle();
    expect(await version(later)).toBe(1);
  });

  it("keeps at most the configured number of offices", async () => {
    const snapshots = new BusySnapshots({ maxStalenessMs: 1_000, ttlMs: 5_000, maxOffices: 2 });
    let reads = 0;
    const load = async () => {
      reads++;
      return [];
    };
    for (const office of ["a", "b", "c", "a"]) await snapshots.get(office, NOW, load);
    expect(reads).toBe(4); // "a" was dropped when "c" came
  });
});
