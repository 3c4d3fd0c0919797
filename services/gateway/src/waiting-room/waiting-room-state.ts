import { isSoldOut, type Queue, type Release, type Tenant } from "@terminvergabe/core";
import type { WaitingRoomRepository } from "@terminvergabe/db";

/** How long counts and the sold-out state are shared before they are read again. */
const REFRESH_MS = 1_000;
/** Tickets drawn before the release are counted once more this long after it, then fixed. */
const DRAWN_SETTLES_MS = 2_000;

interface Counts {
  /** From the database. */
  drawn: number;
  late: number;
  /** Handed out here since that read. */
  localDrawn: number;
  localLate: number;
  readAt: number;
  /** The drawn count no longer changes (read after the release settled). */
  drawnFixed: boolean;
  loading: Promise<void> | null;
}

/**
 * The queue of each release as this instance knows it: read from the database at most once
 * a second (single flight: the caller that finds them stale waits for the read, callers
 * meanwhile get the last counts), plus the tickets this
 * instance handed out since. Once the release has settled the drawn count is fixed, so
 * every drawn ticket keeps its admission time.
 */
export class QueueCounts {
  private readonly byRelease = new Map<string, Counts>();

  constructor(
    private readonly tickets: Pick<WaitingRoomRepository, "queue">,
    private readonly clock: () => Date,
  ) {}

  async get(tenantId: string, release: Release): Promise<Queue> {
    const key = `${tenantId}|${release.at.getTime()}`;
    let counts = this.byRelease.get(key);
    const now = this.clock().getTime();
    if (!counts) {
      if (this.byRelease.size > 1_000) this.byRelease.clear();
      counts = { drawn: 0, late: 0, localDrawn: 0, localLate: 0, readAt: Number.NEGATIVE_INFINITY, drawnFixed: false, loading: null };
      this.byRelease.set(key, counts);
    }
    if (now - counts.readAt >= REFRESH_MS && !counts.loading) {
      // The caller that finds the counts stale reads them; callers meanwhile use the last ones.
      const c = counts;
      c.loading = this.tickets
        .queue(tenantId, release.at)
        .then((read) => {
          if (!c.drawnFixed) c.drawn = read.drawn;
          c.late = read.late;
          c.localDrawn = 0;
          c.localLate = 0;
          c.readAt = now;
          if (now >= release.at.getTime() + DRAWN_SETTLES_MS) c.drawnFixed = true;
        })
        .finally(() => (c.loading = null));
      await c.loading;
    } else if (counts.readAt === Number.NEGATIVE_INFINITY && counts.loading) {
      await counts.loading;
    }
    return { drawn: counts.drawn + counts.localDrawn, late: counts.late + counts.localLate };
  }

  /** A ticket handed out here: counted at once, before the next read. */
  added(tenantId: string, release: Release, late: boolean): Queue {
    const counts = this.byRelease.get(`${tenantId}|${release.at.getTime()}`);
    if (!counts) return { drawn: late ? 0 : 1, late: late ? 1 : 0 };
    if (late) counts.localLate++;
    else if (!counts.drawnFixed) counts.localDrawn++;
    return { drawn: counts.drawn + counts.localDrawn, late: counts.late + counts.localLate };
  }
}

/** Where the sold-out check gets the released period's calendars (one per office and concern). */
export type SoldOutSource = (tenant: Tenant) => Promise<readonly (readonly { readonly freeStartCount: number }[])[]>;

/**
 * Whether a release is sold out, decided by the core from the shared availability
 * snapshots at most once a second per agency (single flight), whatever the number of polls.
 */
export class SoldOutWatch {
  private readonly byTenant = new Map<string, { soldOut: boolean; readAt: number; loading: Promise<boolean> | null }>();

  constructor(
    private readonly source: SoldOutSource,
    private readonly clock: () => Date,
  ) {}

  async soldOut(tenant: Tenant, release: Release): Promise<boolean> {
    const now = this.clock();
    if (now.getTime() < release.at.getTime()) return false;
    let state = this.byTenant.get(tenant.id);
    if (!state) {
      state = { soldOut: false, readAt: Number.NEGATIVE_INFINITY, loading: null };
      this.byTenant.set(tenant.id, state);
    }
    if (now.getTime() - state.readAt >= REFRESH_MS && !state.loading) {
      const s = state;
      s.loading = this.source(tenant)
        .then((calendars) => {
          s.soldOut = isSoldOut(release, now, calendars);
          s.readAt = now.getTime();
          return s.soldOut;
        })
        .finally(() => (s.loading = null));
      return s.loading;
    }
    if (state.readAt === Number.NEGATIVE_INFINITY && state.loading) return state.loading;
    return state.soldOut;
  }
}

/** Tickets this instance has seen (their lot never changes), bounded. */
export class TicketCache {
  private readonly byHash = new Map<string, { lot: number; admitAt: Date | null }>();

  get(tokenHash: string): { lot: number; admitAt: Date | null } | undefined {
    return this.byHash.get(tokenHash);
  }

  set(tokenHash: string, ticket: { lot: number; admitAt: Date | null }): void {
    if (this.byHash.size >= 200_000) this.byHash.clear();
    this.byHash.set(tokenHash, ticket);
  }

  clear(): void {
    this.byHash.clear();
  }
}
