/**
 * Core benchmark of the scheduling engine (`npm run bench -w @terminvergabe/core`).
 *
 * Scenario (deterministic, seeded PRNG): one office in Europe/Berlin with Brandenburg
 * holidays, 12 counters, 25 services, weekday and 2nd/4th-Saturday opening rules plus
 * counter-specific rules and closures, 2,000 existing bookings and holds over 90 days, and a
 * 3-concern ONLINE request. Measures median and p95 over many iterations after a warm-up:
 * a 90-day calendar (warm and cold engine caches), one day's free starts, and checkStart.
 * Prints a table and writes `bench-results/core.json` at the repository root.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import {
  calendar,
  checkStart,
  clearSchedulingCaches,
  freeStarts,
  type BusyInterval,
  type Closure,
  type Counter,
  type Office,
  type ScheduleRule,
  type SchedulingContext,
  type Service,
  type SlotRequest,
} from "../src/index.ts";

import { prng } from "./prng.ts";

const random = prng(20210901);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const pad = (n: number) => String(n).padStart(2, "0");

const FIRST_DAY = "2021-09-01";
const LAST_DAY = "2021-11-29"; // 90 local dates
const NOW = new Date("2021-08-31T20:00:00Z"); // 22:00 local the evening before

const services: Service[] = Array.from({ length: 25 }, (_, i) => ({
  id: `s${pad(i + 1)}`,
  durationMinutes: 10 + Math.floor(random() * 8) * 5,
  additionalUnitMinutes: random() < 0.5 ? null : 5 + Math.floor(random() * 4) * 5,
  maxQuantity: 1 + Math.floor(random() * 4),
}));
const requested = ["s01", "s02", "s03"];
const counters: Counter[] = Array.from({ length: 12 }, (_, i) => {
  const serviceIds = services.filter(() => random() < 0.6).map((s) => s.id);
  // Half the counters serve the whole request, the others miss at least one concern.
  const ids = new Set(serviceIds);
  if (i % 2 === 0) for (const id of requested) ids.add(id);
  else ids.delete(pick(requested));
  return { id: `c${pad(i + 1)}`, serviceIds: [...ids].sort() };
});

const rule = (
  id: string,
  rrule: string | null,
  startTime: string,
  endTime: string,
  kind: ScheduleRule["kind"] = "APPOINTMENT",
  counterId: string | null = null,
): ScheduleRule => ({ id, kind, rrule, startTime, endTime, validFrom: "2021-06-01", validUntil: null, counterId });
const rules: ScheduleRule[] = [
  rule("weekday-morning", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "08:00", "12:00"),
  rule("long-afternoons", "FREQ=WEEKLY;BYDAY=TU,TH", "13:00", "18:00"),
  rule("saturdays", "FREQ=MONTHLY;BYDAY=2SA,4SA", "08:00", "12:00"),
  rule("walk-in", "FREQ=WEEKLY;BYDAY=MO,WE", "14:00", "16:00", "WALK_IN"),
  rule("c01-evening", "FREQ=WEEKLY;BYDAY=WE", "16:00", "19:00", "APPOINTMENT", "c01"),
  rule("c03-friday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "13:00", "15:30", "APPOINTMENT", "c03"),
  { ...rule("special-sunday", null, "10:00", "14:00"), validFrom: "2021-10-10" },
];
const closures: Closure[] = [
  { id: "staff-meeting", from: "2021-09-01", to: "2021-11-30", startTime: "11:30", endTime: "12:00", counterId: "c02", reason: "Teambesprechung" },
  { id: "training", from: "2021-10-18", to: "2021-10-22", counterId: "c04", reason: "Schulung" },
  { id: "it-migration", from: "2021-11-12", to: "2021-11-12", reason: "IT-Umstellung" },
  { id: "works-meeting", from: "2021-09-23", to: "2021-09-23", startTime: "08:00", endTime: "10:00", reason: "Personalversammlung" },
];
const office: Office = { id: "bench-office", timeZone: "Europe/Berlin", holidayRegion: "BB", counters, rules, closures };

/** 2,000 non-overlapping bookings/holds inside the morning windows, on random counters. */
function makeBusy(count: number): BusyInterval[] {
  const taken = new Map<string, [number, number][]>();
  const out: BusyInterval[] = [];
  const firstUtcMidnight = Date.parse(`${FIRST_DAY}T00:00:00Z`);
  while (out.length < count) {
    const day = Math.floor(random() * 90);
    const date = new Date(firstUtcMidnight + day * 86_400_000);
    const weekday = date.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const counterId = pick(counters).id;
    // 06:00–10:00 UTC = 08:00–12:00 CEST / 07:00–11:00 CET: inside the morning windows.
    const start = date.getTime() + (6 * 60 + Math.floor(random() * 44) * 5) * 60_000;
    const end = start + (10 + Math.floor(random() * 6) * 5) * 60_000;
    const list = taken.get(counterId) ?? [];
    if (list.some(([s, e]) => s < end && start < e)) continue;
    list.push([start, end]);
    taken.set(counterId, list);
    out.push({ counterId, start: new Date(start), end: new Date(end), channel: random() < 0.7 ? "ONLINE" : "STAFF" });
  }
  return out;
}

const ctx: SchedulingContext = {
  office,
  services,
  busy: makeBusy(2000),
  policy: { slotGridMinutes: 5, minNoticeMinutes: 60, horizonDays: 90, bufferMinutes: 5, staffReserveShare: 0.2 },
};
const request: SlotRequest = {
  officeId: office.id,
  items: [
    { serviceId: "s01", quantity: 2 },
    { serviceId: "s02", quantity: 1 },
    { serviceId: "s03", quantity: 1 },
  ],
  channel: "ONLINE",
};

interface Measurement {
  readonly name: string;
  readonly iterations: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly meanMs: number;
  readonly targetMs: number | null;
}

function measure(name: string, iterations: number, targetMs: number | null, fn: () => unknown, before?: () => void): Measurement {
  const warmup = Math.max(20, Math.floor(iterations / 5));
  for (let i = 0; i < warmup; i++) {
    before?.();
    fn();
  }
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    before?.();
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] as number;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    name,
    iterations,
    medianMs: round(at(0.5)),
    p95Ms: round(at(0.95)),
    meanMs: round(samples.reduce((a, b) => a + b, 0) / samples.length),
    targetMs,
  };
}

function must<T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`${what} failed: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

// Sanity: the scenario produces a realistic calendar and a bookable start.
const cal = must(calendar(ctx, request, FIRST_DAY, LAST_DAY, NOW), "calendar");
const day = "2021-09-14"; // a Tuesday with morning and afternoon windows
const starts = must(freeStarts(ctx, request, day, NOW), "freeStarts");
const firstFree = starts.value.starts[0];
if (firstFree === undefined) throw new Error("no free start on the benchmark day");
must(checkStart(ctx, request, firstFree.start, NOW), "checkStart");
const statusCounts = cal.value.days.reduce<Record<string, number>>((acc, d) => ({ ...acc, [d.status]: (acc[d.status] ?? 0) + 1 }), {});

const results: Measurement[] = [
  measure("calendar 90 days (warm caches)", 2000, 5, () => calendar(ctx, request, FIRST_DAY, LAST_DAY, NOW)),
  measure("calendar 90 days (cold caches)", 100, null, () => calendar(ctx, request, FIRST_DAY, LAST_DAY, NOW), clearSchedulingCaches),
  measure("freeStarts one day", 3000, 1, () => freeStarts(ctx, request, day, NOW)),
  measure("checkStart", 3000, null, () => checkStart(ctx, request, firstFree.start, NOW)),
];

console.log(
  `Scenario: ${counters.length} counters, ${services.length} services, ${ctx.busy.length} bookings/holds, ` +
    `3-concern request (${cal.value.durationMinutes} min); calendar ${FIRST_DAY}…${LAST_DAY}: ${JSON.stringify(statusCounts)}; ` +
    `${starts.value.starts.length} free starts on ${day}`,
);
console.table(
  results.map((r) => ({
    benchmark: r.name,
    iterations: r.iterations,
    "median ms": r.medianMs,
    "p95 ms": r.p95Ms,
    "mean ms": r.meanMs,
    "target ms": r.targetMs ?? "",
    "median within target": r.targetMs === null ? "" : r.medianMs <= r.targetMs ? "yes" : "NO",
  })),
);

const outFile = fileURLToPath(new URL("../../../bench-results/core.json", import.meta.url));
mkdirSync(fileURLToPath(new URL("../../../bench-results/", import.meta.url)), { recursive: true });
writeFileSync(
  outFile,
  `${JSON.stringify(
    {
      benchmark: "core scheduling engine",
      generatedAt: new Date().toISOString(),
      environment: { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpu: os.cpus()[0]?.model ?? "unknown", cpus: os.cpus().length },
      scenario: {
        counters: counters.length,
        services: services.length,
        busyIntervals: ctx.busy.length,
        requestItems: request.items.length,
        durationMinutes: cal.value.durationMinutes,
        calendarRange: [FIRST_DAY, LAST_DAY],
        calendarStatuses: statusCounts,
        freeStartsDay: day,
        freeStartsOnDay: starts.value.starts.length,
      },
      results,
    },
    null,
    2,
  )}\n`,
);
console.log(`written ${outFile}`);
