import type { BusyInterval } from "@terminvergabe/core";

interface Snapshot {
  /** Domain time (the injected clock) of the read, for the expiry of holds by the clock. */
  loadedAt: number;
  /** Order of the read's start among changes and reads (see OfficeState.seq). */
  readSeq: number;
  intervals: BusyInterval[];
}

interface OfficeState {
  snapshot: Snapshot | null;
  /** The read in flight, shared by everyone who needs it meanwhile. */
  loading: { seq: number; promise: Promise<Snapshot> } | null;
  /** Increases with every change and every read started: orders them exactly. */
  seq: number;
  /** `seq` of the latest change. */
  lastChangeSeq: number;
  /** Monotonic time of the oldest change no snapshot includes yet; null: none. */
  unseenSince: number | null;
}

export interface BusySnapshotOptions {
  /** How long a change may stay unseen by plain reads, in ms (0: reads always wait for it). */
  maxStalenessMs: number;
  /** A snapshot older than this by the domain clock is read again (holds expire by the clock). */
  ttlMs: number;
  /** Offices kept at most (least recently changed are dropped first). */
  maxOffices?: number;
  monotonic?: () => number;
}

/**
 * Busy times per office as shared snapshots with bounded staleness. Under a rush every hold
 * is a change; if each change made the next read wait for a fresh database read, reads
 * would queue behind writes and every change would recompute every calendar. Instead a
 * change only marks the office's snapshot as stale: plain reads keep answering from it
 * until the change is `maxStalenessMs` old, then one read refreshes it in the background
 * while the others still answer from the old one. A stale "free" costs one typed
 * SlotUnavailable at hold time (the database decides); a stale "taken" hides a start for
 * at most the bound. Callers that must see every change (live subscriptions, which are
 * pushed right after a change) ask for `fresh` and wait for the read.
 */
export class BusySnapshots {
  private readonly offices = new Map<string, OfficeState>();
  private readonly monotonic: () => number;
  private readonly maxOffices: number;

  constructor(private readonly options: BusySnapshotOptions) {
    this.monotonic = options.monotonic ?? (() => performance.now());
    this.maxOffices = options.maxOffices ?? 10_000;
  }

  async get(officeId: string, now: Date, load: () => Promise<BusyInterval[]>, fresh = false): Promise<BusyInterval[]> {
    const state = this.state(officeId);
    const snapshot = state.snapshot;
    if (!snapshot) return (await this.current(state, now, load)).intervals;
    const expired = now.getTime() - snapshot.loadedAt > this.options.ttlMs;
    const stale = state.lastChangeSeq > snapshot.readSeq;
    if (!expired && !stale) return snapshot.intervals;
    if (fresh || expired || this.options.maxStalenessMs === 0) return (await this.current(state, now, load)).intervals;
    if (state.unseenSince !== null && this.monotonic() - state.unseenSince >= this.options.maxStalenessMs) {
      // Past the bound: refresh, but nobody waits for it.
      this.read(state, now, load).catch(() => undefined);
    }
    return snapshot.intervals;
  }

  /** A booking change at the office: snapshots read before it no longer cover it. */
  noteChange(officeId: string): void {
    const state = this.offices.get(officeId);
    if (!state) return;
    state.lastChangeSeq = ++state.seq;
    if (state.unseenSince === null) state.unseenSince = this.monotonic();
  }

  private state(officeId: string): OfficeState {
    let state = this.offices.get(officeId);
    if (!state) {
      if (this.offices.size >= this.maxOffices) this.offices.delete(this.offices.keys().next().value!);
      state = { snapshot: null, loading: null, seq: 0, lastChangeSeq: 0, unseenSince: null };
      this.offices.set(officeId, state);
    }
    return state;
  }

  /** A snapshot whose read started after the latest change (waiting for one if needed). */
  private async current(state: OfficeState, now: Date, load: () => Promise<BusyInterval[]>): Promise<Snapshot> {
    for (;;) {
      const inflight = state.loading;
      if (!inflight) return this.read(state, now, load);
      if (inflight.seq > state.lastChangeSeq) return inflight.promise;
      // The read in flight started before the latest change: wait for it, then read again.
      await inflight.promise.catch(() => undefined);
      const done = state.snapshot;
      if (done && done.readSeq > state.lastChangeSeq && now.getTime() - done.loadedAt <= this.options.ttlMs) return done;
    }
  }

  private read(state: OfficeState, now: Date, load: () => Promise<BusyInterval[]>): Promise<Snapshot> {
    if (state.loading) return state.loading.promise;
    const seq = ++state.seq;
    const startedAt = this.monotonic();
    const promise = load().then(
      (intervals) => {
        const snapshot = { loadedAt: now.getTime(), readSeq: seq, intervals };
        if (!state.snapshot || seq > state.snapshot.readSeq) state.snapshot = snapshot;
        // Changes during the read may be missing from it: count them as unseen since it began.
        state.unseenSince = state.lastChangeSeq > seq ? startedAt : null;
        state.loading = null;
        return snapshot;
      },
      (error: unknown) => {
        state.loading = null;
        throw error;
      },
    );
    state.loading = { seq, promise };
    return promise;
  }
}
