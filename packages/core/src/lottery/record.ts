import { err, ok, type Result } from "../shared/result.ts";
import { allocateSlots, checkPool, NO_PREFERENCES, OFFICE_CODE_PATTERN, compareSlots, type LotteryPreferences, type LotterySlot, type PoolRejection, TIMES_OF_DAY, type TimeOfDay } from "./allocate.ts";
import { DRAW_ALGORITHM, type DrawHashes, drawSeed, entryList, entryListHash, type EntryListRejection, fromHex, rankEntries, seedCommitment, toHex } from "./draw.ts";

/** One entry of the published record: no personal data, only the pseudonymous code. */
export interface RecordEntry {
  readonly entryCode: string;
  readonly preferences: LotteryPreferences;
  readonly rank: number;
  readonly ticket: string;
  /** Slot won in the draw, null when waitlisted. */
  readonly slot: string | null;
}

/**
 * The published record of a draw: everything a verifier needs to recompute the commitment
 * check, the entry-list hash, the seed, every rank and every allocation.
 */
export interface DrawRecord {
  readonly algorithm: typeof DRAW_ALGORITHM;
  readonly commitment: string;
  /** The revealed secret (hex of 32 bytes). */
  readonly secret: string;
  readonly beacon: string;
  readonly entryListHash: string;
  readonly drawSeed: string;
  /** In `compareSlots` order. */
  readonly slots: readonly LotterySlot[];
  /** In rank order. */
  readonly entries: readonly RecordEntry[];
}

export interface DrawInput {
  /** 32 secret bytes whose SHA-256 was published as the commitment. */
  readonly secret: Uint8Array;
  readonly commitment: string;
  /** The beacon as announced and entered ("" when the campaign has none). */
  readonly beacon: string;
  readonly slots: readonly LotterySlot[];
  readonly applications: readonly { readonly entryCode: string; readonly preferences: LotteryPreferences }[];
}

export type DrawRejection =
  | { readonly type: "COMMITMENT_MISMATCH" }
  | { readonly type: "INVALID_SECRET" }
  | { readonly type: "INVALID_PREFERENCES"; readonly entryCode: string }
  | EntryListRejection
  | PoolRejection;

/**
 * The record's canonical form of preferences: each list without duplicates, offices
 * bytewise ascending, weekdays ascending, times of day in the order MORNING, AFTERNOON,
 * EVENING. Null when a value is out of range.
 */
export function normalizePreferences(preferences: LotteryPreferences): LotteryPreferences | null {
  if (preferences.weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) return null;
  if (preferences.timesOfDay.some((t) => !TIMES_OF_DAY.includes(t))) return null;
  if (preferences.offices.some((o) => typeof o !== "string" || !OFFICE_CODE_PATTERN.test(o))) return null;
  // Most applicants accept everything: one shared value instead of three new lists each.
  if (preferences.offices.length === 0 && preferences.weekdays.length === 0 && preferences.timesOfDay.length === 0) return NO_PREFERENCES;
  return {
    offices: [...new Set(preferences.offices)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    weekdays: [...new Set(preferences.weekdays)].sort((a, b) => a - b),
    timesOfDay: TIMES_OF_DAY.filter((t): t is TimeOfDay => preferences.timesOfDay.includes(t)),
  };
}

/**
 * Runs `tv-draw-1` end to end: checks the secret against the commitment, builds the entry
 * list and its hash, derives the seed, ranks, allocates. Pure: the same input gives the
 * same record, whatever order the applications come in.
 */
export function runDraw(hashes: DrawHashes, input: DrawInput): Result<DrawRecord, DrawRejection> {
  if (input.secret.length !== 32) return err({ type: "INVALID_SECRET" });
  if (seedCommitment(hashes, input.secret) !== input.commitment.toLowerCase()) return err({ type: "COMMITMENT_MISMATCH" });
  const pool = checkPool(input.slots);
  if (!pool.ok) return pool;
  const list = entryList(input.applications.map((a) => a.entryCode));
  if (!list.ok) return list;
  const preferences = new Map<string, LotteryPreferences>();
  for (const application of input.applications) {
    const normalized = normalizePreferences(application.preferences);
    if (!normalized) return err({ type: "INVALID_PREFERENCES", entryCode: application.entryCode });
    preferences.set(application.entryCode, normalized);
  }
  const listHash = entryListHash(hashes, list.value);
  const seed = drawSeed(hashes, input.secret, listHash, input.beacon);
  const ranked = rankEntries(hashes, seed, [...preferences.keys()]);
  const applications = ranked.map((r) => ({ entryCode: r.entryCode, rank: r.rank, preferences: preferences.get(r.entryCode) as LotteryPreferences }));
  const allocations = allocateSlots(input.slots, applications);
  return ok({
    algorithm: DRAW_ALGORITHM,
    commitment: input.commitment.toLowerCase(),
    secret: toHex(input.secret),
    beacon: input.beacon,
    entryListHash: listHash,
    drawSeed: toHex(seed),
    slots: [...input.slots].sort(compareSlots),
    entries: ranked.map((r, i) => ({
      entryCode: r.entryCode,
      preferences: applications[i]!.preferences,
      rank: r.rank,
      ticket: r.ticket,
      slot: allocations[i]!.slotId,
    })),
  });
}

/** The secret for a new campaign from 32 random bytes, with its commitment. */
export function newSeedCommitment(hashes: DrawHashes, randomBytes: Uint8Array): { secret: string; commitment: string } {
  if (randomBytes.length !== 32) throw new Error("the seed secret must be 32 random bytes");
  return { secret: toHex(randomBytes), commitment: seedCommitment(hashes, randomBytes) };
}

/** Parses a stored hex secret back into bytes (null when malformed). */
export function secretBytes(hex: string): Uint8Array | null {
  const bytes = fromHex(hex);
  return bytes && bytes.length === 32 ? bytes : null;
}
