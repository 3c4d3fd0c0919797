import { freeStarts } from "./engine.ts";
import { nearestFreeStarts } from "./alternatives.ts";
import { instantToLocal } from "./time-zone.ts";
import type { FreeStart, SchedulingContext, SlotRequest } from "./types.ts";
import { err, ok, type Result } from "../shared/result.ts";

/**
 * What a citizen asks to hold: one exact start, the exact start or else the nearest free
 * one, or any free start on a day (optionally within a local time window). With the two
 * latter the server picks the start, so in a rush every request that can still get a time
 * gets one, instead of a herd failing on the same first free start.
 */
export type HoldWish =
  | { readonly kind: "EXACT"; readonly start: Date }
  | { readonly kind: "NEAREST"; readonly start: Date }
  | { readonly kind: "ANY_ON_DAY"; readonly date: string; readonly notBefore?: string | null; readonly notAfter?: string | null };

export type HoldWishError =
  | { readonly type: "START_OR_DAY_REQUIRED" }
  | { readonly type: "MALFORMED_TIME"; readonly field: "notBefore" | "notAfter" };

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minuteOf(value: string | null | undefined): number | null | "bad" {
  if (value === null || value === undefined || value === "") return null;
  const m = HHMM.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : "bad";
}

/** Reads a hold wish from the API's optional arguments: exactly one of `start` and `day`. */
export function holdWish(args: {
  start?: Date | null;
  orNearest?: boolean | null;
  day?: string | null;
  notBefore?: string | null;
  notAfter?: string | null;
}): Result<HoldWish, HoldWishError> {
  const hasStart = args.start instanceof Date;
  const hasDay = typeof args.day === "string" && args.day !== "";
  if (hasStart === hasDay) return err({ type: "START_OR_DAY_REQUIRED" });
  if (hasStart) return ok({ kind: args.orNearest ? "NEAREST" : "EXACT", start: args.start! });
  for (const field of ["notBefore", "notAfter"] as const) {
    if (minuteOf(args[field]) === "bad") return err({ type: "MALFORMED_TIME", field });
  }
  return ok({ kind: "ANY_ON_DAY", date: args.day!, notBefore: args.notBefore ?? null, notAfter: args.notAfter ?? null });
}

/**
 * The starts to try for a wish, best first, at most `limit`: for NEAREST the wanted start
 * and then the free starts nearest to it; for ANY_ON_DAY the day's free starts within the
 * window (local office time, on the start), earliest first. EXACT yields just its start.
 * The database still decides each try: these only say where to look.
 */
export function holdCandidates(ctx: SchedulingContext, request: SlotRequest, wish: HoldWish, now: Date, limit = 10): Date[] {
  switch (wish.kind) {
    case "EXACT":
      return [wish.start];
    case "NEAREST": {
      const near = nearestFreeStarts(ctx, request, wish.start, now, { gather: limit * 2, count: limit - 1 });
      const distance = (s: FreeStart) => Math.abs(s.start.getTime() - wish.start.getTime());
      return [wish.start, ...[...near].sort((a, b) => distance(a) - distance(b)).map((s) => s.start)];
    }
    case "ANY_ON_DAY": {
      const day = freeStarts(ctx, request, wish.date, now);
      if (!day.ok) return [];
      const from = minuteOf(wish.notBefore);
      const to = minuteOf(wish.notAfter);
      return day.value.starts
        .filter((s) => {
          const minute = instantToLocal(ctx.office.timeZone, s.start.getTime()).minuteOfDay;
          return (typeof from !== "number" || minute >= from) && (typeof to !== "number" || minute <= to);
        })
        .slice(0, limit)
        .map((s) => s.start);
    }
    default: {
      const never: never = wish;
      return never;
    }
  }
}
