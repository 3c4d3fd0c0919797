/**
 * Fault benchmark, issue 16 item 5 (`npm run bench:memory -w @terminvergabe/gateway`):
 * 12,000 requests with unique 60 KB tenant slugs and office references against a real
 * gateway process on a fresh PostgreSQL database; the process's RSS at the start, right
 * after the requests and one minute later. Goal: back within 50 MiB of the start.
 * Writes bench-results/memory-slugs.json at the repository root.
 */
import { readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createPostgresDatabase } from "@terminvergabe/db/testing";
import { startGatewayProcess } from "../test/processes.ts";

const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const requests = Number(process.env.BENCH_MEMORY_REQUESTS ?? 12_000);
const settleMs = Number(process.env.BENCH_MEMORY_SETTLE_MS ?? 60_000);
const concurrency = 16;

const rssMiB = (pid: number) => {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
};

const database = await createPostgresDatabase(baseUrl);
const gateway = await startGatewayProcess({ DATABASE_URL: database.url, REQUEST_LOG: "false", RATE_LIMITS: "off", PROOF_OF_WORK: "off" }, 120_000);
const pid = gateway.child.pid!;
const url = `http://127.0.0.1:${gateway.port}/graphql`;
const post = (query: string, variables: Record<string, unknown>) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) }).then((r) => r.text());
// Warm up with ordinary traffic so the start figure is a running gateway, not an idle one.
for (let i = 0; i < 200; i++) await post("query ($s: String!) { tenant(slug: $s) { slug offices { slug } } }", { s: "demo-buergerbuero" });
const start = rssMiB(pid);
const answers = new Map<string, number>();
let sent = 0;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (sent < requests) {
      const i = sent++;
      const unique = `${i.toString(36)}-${"x".repeat(60 * 1024)}`;
      const body =
        i % 2 === 0
          ? await post("query ($s: String!) { tenant(slug: $s) { slug } }", { s: unique })
          : await post('query ($o: String!) { slots(tenant: "demo-buergerbuero", office: $o, items: [], date: "2030-01-01") { __typename } }', { o: unique });
      const code = /"code":"([A-Z_]+)"/.exec(body)?.[1] ?? (body.includes('"tenant":null') ? "null" : "other");
      answers.set(code, (answers.get(code) ?? 0) + 1);
    }
  }),
);
const seconds = (performance.now() - t0) / 1000;
const afterRequests = rssMiB(pid);
await new Promise((r) => setTimeout(r, settleMs));
const afterSettle = rssMiB(pid);
await gateway.stop();
await database.drop();
const result = {
  requests,
  slugBytes: 60 * 1024,
  seconds: Math.round(seconds * 10) / 10,
  answers: Object.fromEntries(answers),
  rssMiB: { start, afterRequests, afterSettle, settleSeconds: settleMs / 1000 },
  growthAfterSettleMiB: Math.round((afterSettle - start) * 10) / 10,
  goalMiB: 50,
  measuredAt: new Date().toISOString(),
};
const out = fileURLToPath(new URL("../../../bench-results/memory-slugs.json", import.meta.url));
mkdirSync(fileURLToPath(new URL("../../../bench-results/", import.meta.url)), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
console.log(`wrote ${out}`);
