import { err, ok, type Result } from "../shared/result.ts";
import { instantToLocal } from "../scheduling/time-zone.ts";
import { compareAscii } from "./draw.ts";

export const TIMES_OF_DAY = ["MORNING", "AFTERNOON", "EVENING"] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

/**
 * One appointment of the campaign's pool as the record publishes it. Local weekday and time
 * are carried explicitly (computed by the gateway in the office's time zone), so a verifier
 * needs no time-zone database.
 */
export interface LotterySlot {
  /** Public, stable id of the slot. */
  readonly id: string;
  readonly office: string;
  readonly counter: string;
  /** Start instant, exactly `YYYY-MM-DDTHH:MM:SS.sssZ` (UTC), so string order is time order. */
  readonly start: string;
  /** ISO weekday of the local start: 1 Monday … 7 Sunday. */
  readonly weekday: number;
  /** Local start time `HH:MM` (24 h). */
  readonly localTime: string;
}

/**
 * What an applicant accepts. Each list is a filter; an empty list accepts everything. The
 * order inside a list carries no meaning (the best fitting slot is always the earliest).
 */
export interface LotteryPreferences {
  readonly offices: readonly string[];
  readonly weekdays: readonly number[];
  readonly timesOfDay: readonly TimeOfDay[];
}

export const NO_PREFERENCES: LotteryPreferences = { offices: [], weekdays: [], timesOfDay: [] };

/** MORNING before 12:00, AFTERNOON from 12:00 to before 17:00, EVENING from 17:00 (local start). */
export function slotTimeOfDay(localTime: string): TimeOfDay {
  if (localTime < "12:00") return "MORNING";
  if (localTime < "17:00") return "AFTERNOON";
  return "EVENING";
}

/** Whether a slot fits an applicant's preferences. */
export function fitsPreferences(preferences: LotteryPreferences, slot: LotterySlot): boolean {
  return (
    (preferences.offices.length === 0 || preferences.offices.includes(slot.office)) &&
    (preferences.weekdays.length === 0 || preferences.weekdays.includes(slot.weekday)) &&
    (preferences.timesOfDay.length === 0 || preferences.timesOfDay.includes(slotTimeOfDay(slot.localTime)))
  );
}

/** The slot order of `tv-draw-1`: earlier start first, then counter, then slot id (bytewise). */
export function compareSlots(a: LotterySlot, b: LotterySlot): number {
  return compareAscii(a.start, b.start) || compareAscii(a.counter, b.counter) || compareAscii(a.id, b.id);
}

/** Office and counter codes: letters, digits, `_`, `.` and `-`. */
export const OFFICE_CODE_PATTERN = /^[0-9A-Za-z_.-]{1,64}$/;

const START_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

export type PoolRejection =
  | { readonly type: "INVALID_SLOT"; readonly slotId: string; readonly reason: string }
  | { readonly type: "DUPLICATE_SLOT"; readonly slotId: string };

/** Checks the pool's shape; allocation assumes a valid pool. */
export function checkPool(slots: readonly LotterySlot[]): Result<void, PoolRejection> {
  const ids = new Set<string>();
  const places = new Set<string>();
  for (const slot of slots) {
    if (!START_PATTERN.test(slot.start) || Number.isNaN(Date.parse(slot.start))) return err({ type: "INVALID_SLOT", slotId: slot.id, reason: "start" });
    if (!Number.isInteger(slot.weekday) || slot.weekday < 1 || slot.weekday > 7) return err({ type: "INVALID_SLOT", slotId: slot.id, reason: "weekday" });
    if (!OFFICE_CODE_PATTERN.test(slot.office)) return err({ type: "INVALID_SLOT", slotId: slot.id, reason: "office" });
    if (!OFFICE_CODE_PATTERN.test(slot.counter)) return err({ type: "INVALID_SLOT", slotId: slot.id, reason: "counter" });
    if (!OFFICE_CODE_PATTERN.test(slot.id)) return err({ type: "INVALID_SLOT", slotId: slot.id, reason: "id" });
    if (!LOCAL_TIME_PATTERN.test(slot.localTime)) return err({ type: "INVALID_SLOT", slotId: slot.id, reason: "localTime" });
    const place = `${slot.counter}\n${slot.start}`;
    if (ids.has(slot.id) || places.has(place)) return err({ type: "DUPLICATE_SLOT", slotId: slot.id });
    ids.add(slot.id);
    places.add(place);
  }
  return ok(undefined);
}

/** An entry in rank order with what it accepts. */
export interface RankedApplication {
  readonly entryCode: string;
  readonly rank: number;
  readonly preferences: LotteryPreferences;
}

export interface Allocation {
  readonly entryCode: string;
  readonly rank: number;
  /** The slot won, or null: waitlisted with this rank. */
  readonly slotId: string | null;
}

/**
 * Random serial dictatorship: in rank order, each application takes the first free slot in
 * `compareSlots` order that fits its preferences; none fits → waitlisted (slotId null).
 *
 * Slots are grouped by what preferences can see (office, weekday, time of day); inside a
 * group the free slots are taken strictly in slot order, so each group is a queue and an
 * application's best slot is the smallest head among the groups it accepts — O(groups)
 * per application instead of O(slots).
 */
export function allocateSlots(slots: readonly LotterySlot[], applications: readonly RankedApplication[]): Allocation[] {
  const ordered = [...slots].sort(compareSlots);
  const groups = new Map<string, { sample: LotterySlot; members: number[]; head: number }>();
  ordered.forEach((slot, ordinal) => {
    const key = `${slot.office}\n${slot.weekday}\n${slotTimeOfDay(slot.localTime)}`;
    const group = groups.get(key);
    if (group) group.members.push(ordinal);
    else groups.set(key, { sample: slot, members: [ordinal], head: 0 });
  });
  const groupList = [...groups.values()];
  // Candidate groups per kind of preferences: by the offices (as written), then by a bit
  // mask of weekdays and times of day — no string per application.
  const accepted = new Map<string, Map<number, typeof groupList>>();
  const byRank = [...applications].sort((a, b) => a.rank - b.rank);

  return byRank.map((application) => {
    const { offices, weekdays, timesOfDay } = application.preferences;
    // Office codes are OFFICE_CODE_PATTERN, so a space cannot occur inside one.
    const officeKey = offices.length === 0 ? "" : offices.length === 1 ? (offices[0] as string) : offices.join(" ");
    let mask = 0;
    for (const day of weekdays) mask |= 1 << day;
    for (const time of timesOfDay) mask |= 1 << (8 + TIMES_OF_DAY.indexOf(time));
    let byMask = accepted.get(officeKey);
    if (!byMask) accepted.set(officeKey, (byMask = new Map()));
    let candidates = byMask.get(mask);
    if (!candidates) {
      candidates = groupList.filter((group) => fitsPreferences(application.preferences, group.sample));
      byMask.set(mask, candidates);
    }
    let best: (typeof groupList)[number] | null = null;
    let bestOrdinal = Infinity;
    for (const group of candidates) {
      const ordinal = group.members[group.head];
      if (ordinal !== undefined && ordinal < bestOrdinal) {
        best = group;
        bestOrdinal = ordinal;
      }
    }
    if (!best) return { entryCode: application.entryCode, rank: application.rank, slotId: null };
    best.head++;
    return { entryCode: application.entryCode, rank: application.rank, slotId: (ordered[bestOrdinal] as LotterySlot).id };
  });
}

/**
 * Moving up by lot: a freed slot goes to the best-ranked application among `waiting` (those
 * still waitlisted) whose preferences it fits; null when none fits.
 */
export function moveUpCandidate(freed: LotterySlot, waiting: readonly RankedApplication[]): RankedApplication | null {
  let best: RankedApplication | null = null;
  for (const application of waiting) {
    if ((best === null || application.rank < best.rank) && fitsPreferences(application.preferences, freed)) best = application;
  }
  return best;
}

/** A pool slot as the record describes it: local weekday and time in the office's time zone. */
export function describeSlot(slot: { id: string; office: string; counter: string; startsAt: Date; timeZone: string }): LotterySlot {
  const { day, minuteOfDay } = instantToLocal(slot.timeZone, slot.startsAt.getTime());
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    id: slot.id,
    office: slot.office,
    counter: slot.counter,
    start: slot.startsAt.toISOString(),
    // Day 0 (1970-01-01) was a Thursday, ISO weekday 4.
    weekday: (((day + 3) % 7) + 7) % 7 + 1,
    localTime: `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`,
  };
}
