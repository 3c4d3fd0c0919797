// Prints the README's benchmark table from bench-results/*.json (node scripts/bench-table.mjs).
import { existsSync, readFileSync } from "node:fs";

const core = JSON.parse(readFileSync(new URL("../bench-results/core.json", import.meta.url), "utf8"));
const gw = JSON.parse(readFileSync(new URL("../bench-results/gateway.json", import.meta.url), "utf8"));
const rows = [["measure", "result", "target"]];
const coreRow = (name) => core.results.find((r) => r.name.startsWith(name));
for (const [name, target] of [["calendar 90 days (warm", "≤ 5 ms median"], ["calendar 90 days (cold", ""], ["freeStarts one day", "≤ 1 ms median"], ["checkStart", ""]]) {
  const r = coreRow(name);
  if (r) rows.push([`core: ${r.name}`, `${r.medianMs} ms median, ${r.p95Ms} ms p95`, target]);
}
const h = gw.http;
rows.push(["HTTP: trivial query `{ __typename }`", `${h.trivialQuery.rps} req/s (p50 ${h.trivialQuery.p50Ms} ms)`, ""]);
rows.push(["HTTP: `availability` 90 days", `${h.availability90Days.rps} req/s (p50 ${h.availability90Days.p50Ms} ms) = ${Math.round(h.availabilityToTrivialRatio * 100)} % of trivial`, "≥ 50 % of trivial"]);
rows.push(["HTTP: `slots` one day", `${h.slotsOneDay.rps} req/s = ${Math.round(h.slotsToTrivialRatio * 100)} % of trivial`, ""]);
const b = gw.booking;
rows.push(["booking: holdSlot + confirmBooking, 8 clients, PostgreSQL", `${b.bookingsPerSecond} bookings/s, p50 ${b.p50Ms} ms, p99 ${b.p99Ms} ms (${b.bookings} bookings, ${b.conflicts} conflicts)`, ""]);
rows.push(["raw one-row INSERT per transaction through `pg`, 8 clients", `${b.rawInsertCeilingPerSecond} rows/s; booking = ${Math.round(b.ratioToCeiling * 1000) / 10} % of it`, "≥ 25 %"]);
if (b.cpuMsPerBooking) {
  const c = b.cpuMsPerBooking;
  const r = b.cpuMsPerRawInsert;
  const total = Math.round((c.gateway + c.postgres + c.client) * 100) / 100;
  const budget = b.cpuBudgetMsPerBookingAtTarget ? `≤ ${b.cpuBudgetMsPerBookingAtTarget} ms in all (the 25 % target on ${gw.machine.cpus} cores)` : "";
  rows.push(["CPU per booking: gateway / PostgreSQL / load generator", `${c.gateway} / ${c.postgres} / ${c.client} ms = ${total} ms in all`, budget]);
  rows.push(["CPU per raw INSERT: PostgreSQL / `pg` client", `${r.postgres} / ${r.client} ms`, ""]);
}
const so = gw.bookingScaleOut;
if (so) {
  const c = so.cpuMsPerBooking;
  rows.push(["booking with 2 gateway instances (PostgreSQL + Redis), same load", `${so.bookingsPerSecond} bookings/s, p50 ${so.p50Ms} ms, p99 ${so.p99Ms} ms = ${Math.round(so.ratioToCeiling * 1000) / 10} % of the ceiling; CPU per booking ${c.gateway} / ${c.postgres} / ${c.client} ms`, ""]);
}
const sql = gw.bookingStatementsOnly;
if (sql) {
  rows.push([
    "the booking's 3 statements alone: repository → PostgreSQL, 8 `pg` clients, no gateway",
    `${sql.bookingsPerSecond} bookings/s, p50 ${sql.p50Ms} ms = ${Math.round(sql.ratioToCeiling * 1000) / 10} % of a raw ceiling of ${sql.rawInsertCeilingPerSecond} rows/s measured right before; CPU per booking PostgreSQL / client ${sql.cpuMsPerBooking.postgres} / ${sql.cpuMsPerBooking.client} ms`,
    "",
  ]);
}
for (const f of gw.fanOut) rows.push([`fan-out of one change to ${f.subscribers.toLocaleString("en")} graphql-ws subscribers`, `${f.graphqlWsMs} ms (raw ws broadcast of the same payload: ${f.rawWsBroadcastMs} ms)`, ""]);
// The job queue's claim cost (bench/job-queue.ts), when it has run.
const jobsFile = new URL("../bench-results/job-queue.json", import.meta.url);
const jq = existsSync(jobsFile) ? JSON.parse(readFileSync(jobsFile, "utf8")) : null;
for (const [target, r] of jq ? [["PostgreSQL", jq.postgres], ["PGlite", jq.pglite]] : []) {
  rows.push([
    `job queue on ${target}: enqueue + claim (batches of 10, SKIP LOCKED) + complete`,
    `${r.jobsPerSecond} jobs/s = ${r.msPerJob} ms per job (enqueue ${r.enqueuePerSecond}/s, claim + complete ${r.claimCompletePerSecond}/s; through the runner ${r.throughRunnerPerSecond}/s)`,
    "",
  ]);
}
const line = (cells) => `| ${cells.join(" | ")} |`;
console.log([line(rows[0]), line(rows[0].map(() => "---")), ...rows.slice(1).map(line)].join("\n"));
console.log(`\nMeasured ${gw.date.slice(0, 10)} on ${gw.machine.cpus} × ${gw.machine.cpu}, Node ${gw.machine.node}; database and load generator on the same machine.`);

// The opening rush (services/gateway/bench/rush/), when it has run: one column per target.
const rush = ["postgres-1", "postgres-2", "pglite", "waiting-room"]
  .map((target) => new URL(`../bench-results/rush-${target}.json`, import.meta.url))
  .filter((file) => existsSync(file))
  .map((file) => JSON.parse(readFileSync(file, "utf8")));
if (rush.length > 0) {
  const head = ["opening rush", ...rush.map((r) => r.label), "target"];
  // Newer results have more rows (appended): the longest list names them.
  const longest = rush.reduce((a, r) => (r.rows.length > a.rows.length ? r : a));
  const body = longest.rows.map((row, i) => [row[0], ...rush.map((r) => r.rows[i]?.[1] ?? ""), row[2]]);
  console.log(`\n${[line(head), line(head.map(() => "---")), ...body.map(line)].join("\n")}`);
  console.log(`\nRush measured ${rush.map((r) => `${r.target} ${r.date.slice(0, 10)} (${r.citizens.toLocaleString("en")} citizens in ${r.windowSeconds} s)`).join(", ")}; gateways, database, Redis and load generator on the same machine.`);
}
