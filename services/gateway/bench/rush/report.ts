/**
 * The rush's figures: the JSON written to bench-results/rush-<target>.json and the rows of
 * the Markdown table (measure, value, target) that scripts/bench-table.mjs merges into one
 * table with a column per target.
 */
import { percentile } from "../load.ts";
import { MOST_SOLVES_COUNTED, type Operation, type Outcome, operations, type RushStats } from "./citizen.ts";
import type { SolveStats } from "./proof-of-work-pool.ts";

export interface DatabaseChecks {
  /** Free (counter, start) pairs of the six weeks when the rush began. */
  freeStartsAtOpening: number;
  /** Live bookings (CONFIRMED or PENDING_VERIFICATION) of the rush agency at the end. */
  liveBookingsAtEnd: number;
  /** Holds still HELD at the end (citizens cut off by the time limit). */
  holdsAtEnd: number;
  /** Start times (any counter) the calendar still showed free after the run, and on how many days. */
  freeStartTimesAfter: number;
  freeDaysAfter: number;
  /** Pairs of live rows overlapping on one counter (the constraint's job: must be 0). */
  doubleBookings: number;
  /** Live bookings whose confirmBooking the citizen saw fail (matched by e-mail). */
  committedReportedFailed: number;
  /** Citizens told "booked" without a live booking in the database (must be 0). */
  reportedBookedWithoutBooking: number;
  /** pg_stat_database.deadlocks delta of the bench database; null on PGlite. */
  deadlocks: number | null;
}

export interface RushRunInfo {
  target: string;
  label: string;
  database: string;
  instances: number;
  citizens: number;
  windowSeconds: number;
  counters: number;
  /** Seconds from the first arrival until the last citizen finished. */
  runSeconds: number;
  /** Whether the hard time limit cut citizens off. */
  cutOff: boolean;
  maxSockets: number;
  maxRequestsInFlight: number;
  /** Requests sent again after a reset on a reused keep-alive connection (as browsers do). */
  staleConnectionRetries: number;
  /** Deltas of the kernel's TCP counters over the run (machine-wide). */
  kernelTcp: Record<string, number>;
  /** How holdSlot was asked: with orNearest, or the start alone. */
  holdMode: "nearest" | "exact";
  /** Waiting room only: citizens admitted per second (the agency's setting). */
  admitPerSecond?: number;
  /** The citizens' source addresses (one each). */
  localAddresses: string;
  /** Idle keep-alive sockets the load generator closed so that waiting requests of other citizens got one under the cap. */
  idleSocketsClosedForOthers: number;
  /** Whether the gateways ran with the rate limits, per-address quotas and proof of work of a release. */
  defences: boolean;
  /** The citizens' proof-of-work solving (defences on), null when the gateways asked for none. */
  proofOfWork: (SolveStats & { workers: number }) | null;
  /** Of the processes' CPU: the load generator's includes its proof-of-work worker threads. */
  cpuSeconds: { gateways: number[]; postgres: number | null; loadGenerator: number };
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function latency(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? 0),
    over1s: sorted.filter((x) => x > 1000).length,
    over10s: sorted.filter((x) => x > 10_000).length,
  };
}

export function rushReport(info: RushRunInfo, stats: RushStats, checks: DatabaseChecks) {
  const perOperation = Object.fromEntries(
    operations.map((op) => {
      const s = stats.op(op);
      return [
        op,
        {
          requests: s.requests,
          admitted: latency(s.admittedMs),
          rejected503: latency(s.rejectedMs),
          rejected503AfterConnect: latency(s.rejectedAfterConnectMs),
          connect: latency(s.connectMs),
          untypedErrors: s.untyped,
          timeouts: s.timeouts,
          untypedKinds: Object.fromEntries(s.untypedKinds),
          maxSocketWaitMs: round(s.maxSocketWaitMs),
          rateLimited429: s.rateLimited,
          rateLimitedBy: Object.fromEntries(s.rateLimitedBy),
          typedRefusals: Object.fromEntries(s.typedRefusals),
        },
      ];
    }),
  ) as Record<Operation, { requests: number; admitted: ReturnType<typeof latency>; rejected503: ReturnType<typeof latency>; rejected503AfterConnect: ReturnType<typeof latency>; connect: ReturnType<typeof latency>; untypedErrors: number; timeouts: number; untypedKinds: Record<string, number>; maxSocketWaitMs: number; rateLimited429: number; rateLimitedBy: Record<string, number>; typedRefusals: Record<string, number> }>;
  const all = operations.map((op) => stats.op(op));
  const requests = all.reduce((n, s) => n + s.requests, 0);
  const rejected = latency(all.flatMap((s) => s.rejectedMs));
  const rejectedAfterConnect = latency(all.flatMap((s) => s.rejectedAfterConnectMs));
  const connect = latency(all.flatMap((s) => s.connectMs));
  const untypedErrors = all.reduce((n, s) => n + s.untyped, 0);
  const booked = stats.outcomes.get("booked") ?? 0;
  const outcomes = Object.fromEntries([...stats.outcomes].sort((a, b) => b[1] - a[1])) as Partial<Record<Outcome, number>>;
  const pow = info.proofOfWork;
  const citizensCounted = stats.solvesPerCitizen.reduce((a, b) => a + b, 0);
  return {
    date: new Date().toISOString(),
    ...info,
    scenario:
      `${info.citizens.toLocaleString("en")} citizens arriving at uniformly random times over ${info.windowSeconds} s (a Poisson process of that count) ` +
      `against ${info.instances} gateway instance${info.instances > 1 ? "s" : ""} on ${info.database}; each: ` +
      `${info.admitPerSecond ? `enterWaitingRoom (the window ends at the announced release) → waitingRoomStatus whenever the server says (pollAfterSeconds) until admitted — in the order of the lots, ${info.admitPerSecond} per second — or told the release is sold out → ` : ""}tenant → availability (six weeks) → slots of the first available day → ` +
      `holdSlot a random free time${info.holdMode === "nearest" ? " (orNearest: the server holds the nearest free one when it was taken)" : ""} → 2–5 s typing → confirmBooking (sent once more after no answer); ` +
      `up to 3 retries with the offered alternatives; 503s retried after Retry-After + ≤ 1 s jitter; ` +
      (info.defences
        ? `defences on (production rate limits, per-address quotas, adaptive proof of work; one source address per citizen): proofOfWorkChallenge solved in ${info.proofOfWork?.workers ?? 1} worker thread(s) before each holdSlot and confirmBooking, 429s retried like 503s`
        : `defences off (no rate limits, no proof of work)`),
    freeStartsAtOpening: checks.freeStartsAtOpening,
    bookedShareOfFreeStarts: checks.freeStartsAtOpening ? round(checks.liveBookingsAtEnd / checks.freeStartsAtOpening, 4) : 0,
    citizensBooked: booked,
    citizensBookedShare: round(booked / Math.max(1, info.citizens), 4),
    outcomes,
    retriesUsed: stats.retriesUsed,
    substitutedHolds: stats.substitutedHolds,
    confirmRetries: stats.confirmRetries,
    requests,
    requestsRejected503: rejected.n,
    citizensRefusedAtLeastOnce: stats.citizensRefused,
    rejected503: rejected,
    rejected503AfterConnect: rejectedAfterConnect,
    connect,
    untypedErrors,
    untypedErrorShare: round(untypedErrors / Math.max(1, requests), 4),
    requestsRateLimited429: all.reduce((n, s) => n + s.rateLimited, 0),
    rateLimited429ByOperation: Object.fromEntries(operations.filter((op) => stats.op(op).rateLimited > 0).map((op) => [op, stats.op(op).rateLimited])),
    citizensRateLimitedAtLeastOnce: stats.citizensRateLimited,
    typedRefusalsByOperation: Object.fromEntries(operations.filter((op) => stats.op(op).typedRefusals.size > 0).map((op) => [op, Object.fromEntries(stats.op(op).typedRefusals)])),
    proofOfWork: pow
      ? {
          workers: pow.workers,
          solves: pow.solves,
          failures: pow.failures,
          solvesByCost: Object.fromEntries([...pow.byCost].sort((a, b) => a[0] - b[0])),
          /** Busy time of the searches: what the proofs cost in CPU. */
          solveSeconds: round(pow.searchMs.reduce((a, b) => a + b, 0) / 1000, 2),
          search: latency(pow.searchMs),
          /** From asking the pool until solved, queue included: what a citizen waited. */
          waitForSolution: latency(pow.waitMs),
          solvesPerCitizenMean: round(pow.solves / Math.max(1, citizensCounted), 2),
          /** index = solves (the last: that many or more), value = citizens */
          citizensBySolves: stats.solvesPerCitizen,
          mostSolvesCounted: MOST_SOLVES_COUNTED,
        }
      : null,
    perOperation,
    bookedShareByArrivalTenth: stats.arrivedByTenth.map((n, i) => round(stats.bookedByTenth[i]! / Math.max(1, n), 3)),
    waitingRoom: info.admitPerSecond
      ? {
          admitPerSecond: info.admitPerSecond,
          ...stats.room,
          pollsPerCitizen: round(stats.room.polls / Math.max(1, stats.room.entered), 2),
          statusAnswer: latency(stats.op("waitingRoomStatus").admittedMs),
        }
      : null,
    checks,
  };
}

export type RushReport = ReturnType<typeof rushReport>;

/** Rows (measure, value, target) of the Markdown table; the measures are the same for every target. */
export function rushRows(r: RushReport): [string, string, string][] {
  const pct = (x: number) => `${round(x * 100, 1)} %`;
  const ops: [Operation, string][] = [
    ["availability", "`availability` (6 weeks)"],
    ["slots", "`slots`"],
    ["holdSlot", "`holdSlot`"],
    ["confirmBooking", "`confirmBooking`"],
  ];
  const cpu = r.cpuSeconds;
  return [
    [
      "arrivals / gateway instances / holdSlot asks for",
      `${r.citizens.toLocaleString("en")} in ${r.windowSeconds} s / ${r.instances} (${r.database}) / ${r.holdMode === "nearest" ? `start or nearest (${r.substitutedHolds.toLocaleString("en")} substituted)` : "exact start"}`,
      "",
    ],
    [
      "starts free at the opening → booked by the end",
      `${r.checks.freeStartsAtOpening.toLocaleString("en")} → ${r.checks.liveBookingsAtEnd.toLocaleString("en")} = **${pct(r.bookedShareOfFreeStarts)}** (${r.checks.freeStartTimesAfter} start times on ${r.checks.freeDaysAfter} days still free)`,
      "≥ 95 % when demand exceeds supply",
    ],
    ["citizens booked", `${r.citizensBooked.toLocaleString("en")} = ${pct(r.citizensBookedShare)}`, ""],
    ...ops.map(([op, name]): [string, string, string] => {
      const a = r.perOperation[op].admitted;
      return [`${name} admitted: p50 / p95 / p99`, `${a.p50Ms} / ${a.p95Ms} / **${a.p99Ms}** ms (${a.n.toLocaleString("en")})`, "p99 ≤ 1,000 ms"];
    }),
    [
      "503s: count, answer p50 / p99 (after the TCP handshake: p50 / p99)",
      `${r.requestsRejected503.toLocaleString("en")} (${r.citizensRefusedAtLeastOnce.toLocaleString("en")} citizens), ${r.rejected503.p50Ms} / **${r.rejected503.p99Ms}** ms (${r.rejected503AfterConnect.p50Ms} / ${r.rejected503AfterConnect.p99Ms} ms)`,
      "p99 ≤ 50 ms",
    ],
    ["TCP handshake of new connections: count, p50 / p99", `${r.connect.n.toLocaleString("en")}, ${r.connect.p50Ms} / ${r.connect.p99Ms} ms`, ""],
    ["untyped errors", `**${r.untypedErrors}** of ${r.requests.toLocaleString("en")} requests`, "0"],
    ["deadlocks", r.checks.deadlocks === null ? "n/a (one connection)" : `**${r.checks.deadlocks}**`, "0"],
    ["double bookings", `**${r.checks.doubleBookings}**`, "0"],
    ["committed bookings reported as failed", `**${r.checks.committedReportedFailed}**`, "0"],
    [
      "CPU s: gateway(s) / PostgreSQL / load generator",
      `${cpu.gateways.join(" + ")} / ${cpu.postgres ?? "–"} / ${cpu.loadGenerator} (run ${r.runSeconds} s${r.cutOff ? ", cut off" : ""})`,
      "",
    ],
    [
      "load generator: requests in flight (most) / longest wait for a socket",
      `${r.maxRequestsInFlight.toLocaleString("en")} (cap ${r.maxSockets.toLocaleString("en")} sockets) / ${Math.max(...operations.map((op) => r.perOperation[op].maxSocketWaitMs))} ms`,
      "wait ≈ 0 (else the cap shaped the load)",
    ],
    [
      "kernel TCP (machine-wide): listen-queue overflows / resets of connections closed with data unread",
      `${r.kernelTcp.ListenOverflows ?? "–"} / ${r.kernelTcp.TCPAbortOnData ?? "–"}`,
      "",
    ],
    ["booked share by arrival tenth", r.bookedShareByArrivalTenth.map((x) => Math.round(x * 100)).join(" · ") + " %", "flat (waiting room)"],
    [
      "waiting room: pace / tickets / admitted / told sold out (waiting + entering) / polls per citizen (most) / poll answer p50 / p99",
      r.waitingRoom
        ? `${r.waitingRoom.admitPerSecond}/s / ${r.waitingRoom.entered.toLocaleString("en")} / ${r.waitingRoom.admitted.toLocaleString("en")} / ${r.waitingRoom.toldSoldOutWaiting.toLocaleString("en")} + ${r.waitingRoom.toldSoldOutEntering.toLocaleString("en")} / ${r.waitingRoom.pollsPerCitizen} (${r.waitingRoom.mostPolls}) / ${r.waitingRoom.statusAnswer.p50Ms} / ${r.waitingRoom.statusAnswer.p99Ms} ms`
        : "–",
      "",
    ],
    // Rows since the defences became part of the bench: appended, so tables of older result files still line up.
    ["defences: rate limits, per-address quotas, proof of work / source addresses", `${r.defences ? "on (production defaults)" : "off"} / ${r.localAddresses}`, "on, as a release has them"],
    [
      "429 (rate limit): count by operation (citizens)",
      `${r.requestsRateLimited429.toLocaleString("en")}${Object.keys(r.rateLimited429ByOperation).length ? ` (${Object.entries(r.rateLimited429ByOperation).map(([op, n]) => `${op} ${n.toLocaleString("en")}`).join(", ")})` : ""} (${r.citizensRateLimitedAtLeastOnce.toLocaleString("en")} citizens)`,
      "0 for citizens",
    ],
    [
      "typed refusals of holdSlot / confirmBooking (quotas, proof of work)",
      ["holdSlot", "confirmBooking"].map((op) => Object.entries(r.typedRefusalsByOperation[op] ?? {}).map(([code, n]) => `${code} ${n}`).join(", ") || "none").join(" / "),
      "none for citizens",
    ],
    [
      "proof of work: solves (per citizen) / by cost / solve CPU s (workers) / search p50 / p99 / a citizen's wait for a solution p50 / p99",
      r.proofOfWork
        ? `${r.proofOfWork.solves.toLocaleString("en")} (${r.proofOfWork.solvesPerCitizenMean}) / ${Object.entries(r.proofOfWork.solvesByCost).map(([cost, n]) => `${Number(cost).toLocaleString("en")}: ${n.toLocaleString("en")}`).join(", ")} / ${r.proofOfWork.solveSeconds} (${r.proofOfWork.workers}) / ${r.proofOfWork.search.p50Ms} / ${r.proofOfWork.search.p99Ms} ms / ${r.proofOfWork.waitForSolution.p50Ms} / ${r.proofOfWork.waitForSolution.p99Ms} ms`
        : "–",
      "",
    ],
  ];
}

/** A Markdown table of one or more runs, a column each. */
export function rushTable(reports: RushReport[]): string {
  const rows = reports.map(rushRows);
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const head = ["measure", ...reports.map((r) => r.label), "target"];
  return [line(head), line(head.map(() => "---")), ...rows[0]!.map((row, i) => line([row[0], ...rows.map((r) => r[i]![1]), row[2]]))].join("\n");
}
