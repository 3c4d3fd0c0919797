import { describe, expect, it } from "vitest";
import { prng } from "../../bench/prng.ts";
import { type LotterySlot, type TimeOfDay } from "./allocate.ts";
import { seedCommitment } from "./draw.ts";
import { runDraw } from "./record.ts";
import { chiSquareSurvival, chiSquareWins } from "./testing/chi-square.ts";
import { nodeHashes } from "./testing/node-hashes.ts";

describe("χ² helper", () => {
  it("matches table values", () => {
    expect(chiSquareSurvival(3.841, 1)).toBeCloseTo(0.05, 3);
    expect(chiSquareSurvival(7.815, 3)).toBeCloseTo(0.05, 3);
    expect(chiSquareSurvival(35.172, 23)).toBeCloseTo(0.05, 3);
    expect(chiSquareSurvival(41.638, 23)).toBeCloseTo(0.01, 3);
  });
});

/**
 * 100,000 simulated draws of 8 applications for 4 slots. Applications arrive at uniformly
 * random instants over a four-week window and get their entry codes in arrival order — the
 * worst case (a code that leaks the arrival time) — and half of them prefer a time of day,
 * independent of arrival. Winning must depend on none of arrival week, arrival hour or the
 * code's place in the sorted entry list.
 */
describe("fairness of tv-draw-1", () => {
  it("gives every arrival week, hour of day and entry-code position the same chance (χ², p > 0.01)", () => {
    const DRAWS = 100_000;
    const APPLICATIONS = 8;
    const random = prng(20260610);
    const WINDOW_MS = 28 * 86_400_000;
    const slots: LotterySlot[] = [
      { id: "S1", office: "o", counter: "c1", start: "2026-09-01T07:00:00.000Z", weekday: 2, localTime: "09:00" },
      { id: "S2", office: "o", counter: "c1", start: "2026-09-01T12:00:00.000Z", weekday: 2, localTime: "14:00" },
      { id: "S3", office: "o", counter: "c2", start: "2026-09-02T07:00:00.000Z", weekday: 3, localTime: "09:00" },
      { id: "S4", office: "o", counter: "c2", start: "2026-09-02T16:00:00.000Z", weekday: 3, localTime: "18:00" },
    ];
    const byWeek = { won: [0, 0, 0, 0], total: [0, 0, 0, 0] };
    const byHour = { won: Array<number>(24).fill(0), total: Array<number>(24).fill(0) };
    const byPosition = { won: Array<number>(APPLICATIONS).fill(0), total: Array<number>(APPLICATIONS).fill(0) };
    const prefs: readonly (readonly TimeOfDay[])[] = [[], ["MORNING"], ["AFTERNOON"], ["EVENING"]];
    const secret = new Uint8Array(32);
    const started = performance.now();

    for (let draw = 0; draw < DRAWS; draw++) {
      for (let i = 0; i < 32; i++) secret[i] = Math.floor(random() * 256);
      const arrivals = Array.from({ length: APPLICATIONS }, () => Math.floor(random() * WINDOW_MS)).sort((a, b) => a - b);
      // Codes in arrival order, zero-padded so sorted-list position = arrival order.
      const applications = arrivals.map((_, i) => ({
        entryCode: `E${String(draw).padStart(6, "0")}-${String(i).padStart(2, "0")}`,
        preferences: { offices: [], weekdays: [], timesOfDay: random() < 0.5 ? [] : (prefs[Math.floor(random() * 4)] as TimeOfDay[]) },
      }));
      const result = runDraw(nodeHashes, { secret, commitment: seedCommitment(nodeHashes, secret), beacon: "", slots, applications });
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      const winners = new Set(result.value.entries.filter((e) => e.slot !== null).map((e) => e.entryCode));
      applications.forEach((application, i) => {
        const arrival = arrivals[i] as number;
        const won = winners.has(application.entryCode) ? 1 : 0;
        const week = Math.floor(arrival / (7 * 86_400_000));
        const hour = Math.floor(arrival / 3_600_000) % 24;
        byWeek.won[week]! += won;
        byWeek.total[week]! += 1;
        byHour.won[hour]! += won;
        byHour.total[hour]! += 1;
        byPosition.won[i]! += won;
        byPosition.total[i]! += 1;
      });
    }
    const week = chiSquareWins(byWeek.won, byWeek.total);
    const hour = chiSquareWins(byHour.won, byHour.total);
    const position = chiSquareWins(byPosition.won, byPosition.total);
    // Figures for the closing note.
    console.info(
      `fairness: ${DRAWS} draws × ${APPLICATIONS} applications in ${Math.round(performance.now() - started)} ms; ` +
        `week χ²=${week.statistic.toFixed(2)} (df ${week.df}) p=${week.p.toFixed(3)}; ` +
        `hour χ²=${hour.statistic.toFixed(2)} (df ${hour.df}) p=${hour.p.toFixed(3)}; ` +
        `code position χ²=${position.statistic.toFixed(2)} (df ${position.df}) p=${position.p.toFixed(3)}`,
    );
    expect(week.p).toBeGreaterThan(0.01);
    expect(hour.p).toBeGreaterThan(0.01);
    expect(position.p).toBeGreaterThan(0.01);
  }, 60_000);
});
