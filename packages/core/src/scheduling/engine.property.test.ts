/**
 * Property tests: on random small offices the engine agrees exactly with the brute-force
 * oracle (testing/oracle.ts) — free starts, calendar statuses and counts, walk-in windows,
 * and checkStart (bookability and the chosen counter).
 *
 * Runs: `FC_RUNS` (default 300 random offices). Reproduce a failure with the seed fast-check
 * prints: `FC_SEED=<seed> npm test -w @terminvergabe/core -- engine.property` (add
 * `FC_PATH=<path>` to jump straight to the shrunk case).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calendar, checkStart, freeStarts } from "./engine.ts";
import { scenarioArb, type Scenario } from "./testing/arbitraries.ts";
import { oracleDay } from "./testing/oracle.ts";
import type { SchedulingContext } from "./types.ts";

const runs = Number(process.env.FC_RUNS ?? 300);
const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
const path = process.env.FC_PATH;
const params: fc.Parameters<[Scenario]> = {
  numRuns: runs,
  ...(seed === undefined ? {} : { seed }),
  ...(path === undefined ? {} : { path }),
};

const contextOf = (s: Scenario): SchedulingContext => ({
  office: s.office,
  services: s.services,
  busy: s.busy,
  policy: s.policy,
});

/** Every minute the engine's walk-in windows cover, as UTC minute numbers. */
function minutesOf(windows: readonly { start: Date; end: Date }[]): number[] {
  const out: number[] = [];
  for (const w of windows) for (let m = w.start.getTime() / 60000; m < w.end.getTime() / 60000; m++) out.push(m);
  return out;
}

describe("engine against the brute-force oracle", () => {
  it(`agrees on ${runs} random offices`, { timeout: 300_000 }, () => {
    let withFreeStarts = 0;
    let daysWithFreeStarts = 0;
    let eligibleRuns = 0;
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const ctx = contextOf(s);
        const oracle = s.dates.map((d) => oracleDay({ ...s, occursOn: s.occursOn }, d));
        const first = s.dates[0] as string;
        const last = s.dates[s.dates.length - 1] as string;

        // Requests no counter can serve are rejected, in agreement with the oracle.
        const probe = freeStarts(ctx, s.request, first, s.now);
        const eligible = s.office.counters.filter((c) => s.request.items.every((i) => c.serviceIds.includes(i.serviceId)));
        if (eligible.length === 0) {
          expect(probe.ok).toBe(false);
          return;
        }
        expect(probe.ok).toBe(true);
        eligibleRuns++;

        // 1. Free starts of each day equal the oracle's exactly.
        for (const [i, date] of s.dates.entries()) {
          const o = oracle[i] as ReturnType<typeof oracleDay>;
          const r = freeStarts(ctx, s.request, date, s.now);
          if (!r.ok) throw new Error(JSON.stringify(r.error));
          expect(r.value.starts.map((x) => x.start.getTime()), date).toEqual(o.freeStarts);
          for (const x of r.value.starts) expect(x.end.getTime() - x.start.getTime()).toBe(r.value.durationMinutes * 60000);
          if (o.freeStarts.length > 0) daysWithFreeStarts++;
        }

        if (oracle.some((o) => o.freeStarts.length > 0)) withFreeStarts++;

        // 2. The calendar agrees with freeStarts and with the oracle's day facts.
        const maxDays = s.policy.horizonDays + 1;
        if (s.dates.length > maxDays) {
          const tooLong = calendar(ctx, s.request, first, last, s.now);
          expect(tooLong.ok ? [] : tooLong.error.map((e) => e.type)).toEqual(["RANGE_EXCEEDS_HORIZON"]);
        }
        const shown = s.dates.slice(0, maxDays);
        const cal = calendar(ctx, s.request, first, shown[shown.length - 1] as string, s.now);
        if (!cal.ok) throw new Error(JSON.stringify(cal.error));
        expect(cal.value.days.map((d) => d.date)).toEqual(shown);
        for (const [i, day] of cal.value.days.entries()) {
          const o = oracle[i] as ReturnType<typeof oracleDay>;
          const expectedStatus =
            o.capacity === 0
              ? o.walkInMinutes.length > 0
                ? "WALK_IN_ONLY"
                : "CLOSED"
              : o.freeStarts.length > 0
                ? "AVAILABLE"
                : "FULL";
          expect({ date: day.date, status: day.status, count: day.freeStartCount }).toEqual({
            date: o.date,
            status: expectedStatus,
            count: o.freeStarts.length,
          });
          expect(minutesOf(day.walkInWindows), `walk-in ${day.date}`).toEqual(o.walkInMinutes);
          expect(day.holiday !== null).toBe(o.holiday);
        }

        // 3. checkStart: every free start is bookable on the right counter; other instants are not.
        const allFree = new Set(oracle.flatMap((o) => o.freeStarts));
        const localDate = new Intl.DateTimeFormat("en-CA", { timeZone: s.office.timeZone });
        for (const [i, date] of s.dates.entries()) {
          const o = oracle[i] as ReturnType<typeof oracleDay>;
          for (const start of o.freeStarts) {
            const r = checkStart(ctx, s.request, new Date(start), s.now);
            expect(r, `${date} ${new Date(start).toISOString()}`).toMatchObject({
              ok: true,
              value: {
                counterId: o.chosenCounter.get(start),
              },
            });
          }
          const dayStartMs = Date.parse(`${date}T00:00:00Z`) - 14 * 3600_000;
          for (let k = 0; k < 40; k++) {
            // A deterministic spread of probes around the day, on and off the 5-minute raster.
            const ms = dayStartMs + ((k * 7919 * 60000) % (48 * 3600_000)) + (k % 3) * 60000;
            if (!s.dates.includes(localDate.format(ms))) continue;
            const r = checkStart(ctx, s.request, new Date(ms), s.now);
            expect(r.ok, `${date} probe ${new Date(ms).toISOString()}`).toBe(allFree.has(ms));
          }
        }
      }),
      params,
    );
    // Guard against a generator that never produces bookable days.
    expect(eligibleRuns).toBeGreaterThan(runs * 0.7);
    expect(withFreeStarts).toBeGreaterThan(runs / 4);
    expect(daysWithFreeStarts).toBeGreaterThan(runs / 2);
  });
});
