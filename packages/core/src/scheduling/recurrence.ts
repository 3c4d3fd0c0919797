/**
 * Expansion of opening-rule recurrences (RFC 5545 RRULE bodies) with the `rrule` library.
 *
 * Rules are expanded as *floating* dates: DTSTART is the rule's `validFrom` at 00:00 "UTC",
 * and every occurrence rrule returns is read back as a local calendar date. No time zone
 * enters here; wall-clock times are converted to instants later, per date.
 */
import * as rruleModule from "rrule";
import type { Options, RRule } from "rrule";
import { err, ok, type Result } from "../shared/result.ts";

type RRuleModule = typeof rruleModule;
// rrule 2.8 ships its ESM build without "type": "module", so Node's ESM loader sees the
// CommonJS build and exposes the exports under `default`; bundlers expose them directly.
const rrule: RRuleModule =
  typeof (rruleModule as Partial<RRuleModule>).RRule === "function"
    ? rruleModule
    : (rruleModule as unknown as { default: RRuleModule }).default;

const DAY_MS = 86_400_000;
const BLOCK_DAYS = 256;

/** Occurrence dates of one rule within its validity, expanded lazily in 256-day blocks. */
export interface Recurrence {
  /** Whether the rule produces an occurrence on local day number `day`. */
  occursOn(day: number): boolean;
}

class SingleDay implements Recurrence {
  constructor(private readonly day: number) {}
  occursOn(day: number): boolean {
    return day === this.day;
  }
}

class ExpandedRule implements Recurrence {
  private readonly blocks = new Map<number, Uint8Array>();

  constructor(
    private readonly rule: RRule,
    private readonly from: number,
    private readonly until: number,
  ) {}

  occursOn(day: number): boolean {
    if (day < this.from || day > this.until) return false;
    const block = Math.floor(day / BLOCK_DAYS);
    let bits = this.blocks.get(block);
    if (bits === undefined) {
      bits = this.expand(block);
      this.blocks.set(block, bits);
    }
    return bits[day - block * BLOCK_DAYS] === 1;
  }

  /** Expands one block; rrule iterates from DTSTART, so each block is computed once. */
  expand(block: number): Uint8Array {
    const first = block * BLOCK_DAYS;
    const bits = new Uint8Array(BLOCK_DAYS);
    const after = Math.max(first, this.from);
    const before = Math.min(first + BLOCK_DAYS - 1, this.until);
    if (after > before) return bits;
    for (const d of this.rule.between(new Date(after * DAY_MS), new Date(before * DAY_MS), true)) {
      const day = Math.floor(d.getTime() / DAY_MS);
      if (day >= after && day <= before) bits[day - first] = 1;
    }
    return bits;
  }
}

/** Result of compiling an RRULE body; `message` explains a rejected rule. */
/** A compiled recurrence, or why the RRULE body is not acceptable. */
export type CompiledRecurrence = Result<Recurrence, string>;

const CACHE_LIMIT = 5_000;
const cache = new Map<string, CompiledRecurrence>();

const ALLOWED_FREQUENCIES = new Set<number>([
  rrule.Frequency.YEARLY,
  rrule.Frequency.MONTHLY,
  rrule.Frequency.WEEKLY,
  rrule.Frequency.DAILY,
]);

function hasNaN(value: unknown): boolean {
  if (typeof value === "number") return Number.isNaN(value);
  if (Array.isArray(value)) return value.some((v) => v === undefined || v === null || hasNaN(v));
  return false;
}

function compileUncached(text: string, from: number, until: number): CompiledRecurrence {
  const body = text.trim().replace(/^RRULE:/i, "");
  if (body.length === 0) return err("empty RRULE");
  if (/(^|;)\s*(DTSTART|TZID)\s*[=:]/i.test(body) || /[\n\r]/.test(body)) {
    return err("only an RRULE body is allowed; the start comes from validFrom");
  }
  let options: Partial<Options>;
  try {
    options = rrule.RRule.parseString(body);
  } catch (e) {
    return err(e instanceof Error ? e.message : String(e));
  }
  if (options.freq === undefined || !ALLOWED_FREQUENCIES.has(options.freq)) {
    return err("FREQ must be YEARLY, MONTHLY, WEEKLY or DAILY");
  }
  if (options.byhour != null || options.byminute != null || options.bysecond != null) {
    return err("BYHOUR, BYMINUTE and BYSECOND are not allowed; use startTime/endTime");
  }
  for (const [key, value] of Object.entries(options)) {
    if (key === "byweekday" && Array.isArray(value) && value.some((v) => v == null)) {
      return err("invalid BYDAY value");
    }
    if (hasNaN(value)) return err(`invalid ${key.toUpperCase()} value`);
  }
  try {
    const rule = new rrule.RRule({ ...options, dtstart: new Date(from * DAY_MS), tzid: null });
    const expanded = new ExpandedRule(rule, from, until);
    // Surface library errors now, as configuration errors, rather than during a search.
    expanded.occursOn(from);
    return ok(expanded);
  } catch (e) {
    return err(e instanceof Error ? e.message : String(e));
  }
}

/**
 * Compiles an RRULE body valid from local day `from` to `until` (inclusive; `Infinity` for
 * open-ended). A `null` body is a one-off opening on `from`. Cached by content, so offices
 * rebuilt from the database for every request still share the expansion work.
 */
export function compileRecurrence(text: string | null, from: number, until: number): CompiledRecurrence {
  if (text === null) return ok(new SingleDay(from));
  const key = `${text}\u0000${from}\u0000${until}`;
  let c = cache.get(key);
  if (c === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    c = compileUncached(text, from, until);
    cache.set(key, c);
  }
  return c;
}

/** Drops all compiled recurrences (for tests and cold-cache benchmarks). */
export function clearRecurrenceCache(): void {
  cache.clear();
}
