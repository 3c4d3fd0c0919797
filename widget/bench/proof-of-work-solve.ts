/**
 * How long the widget's proof of work takes in Chromium (issue 16, item 3): the widget's own
 * solver (src/lib/proof-of-work.ts `solve`, WebCrypto SHA-256) run in a worker made from its
 * source exactly as the widget does, on real ALTCHA challenges from altcha-lib at the default
 * cost (1,000), the raised cost (10,000) and the further steps (100,000; 1,000,000).
 * `npm run bench -w @terminvergabe/widget`; writes bench-results/pow-solve-chromium.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { createChallenge } from "altcha-lib/v1";
import { chromium } from "playwright-core";
import { solve } from "../src/lib/proof-of-work.ts";
import { CHROMIUM_ARGS } from "../e2e/support/stack.ts";

const runs: [cost: number, samples: number][] = [
  [1_000, 30],
  [10_000, 20],
  [100_000, 5],
  [1_000_000, 2],
];

// WebCrypto needs a secure context: a page of our own on 127.0.0.1.
const server = createServer((_req, res) => res.end("<!doctype html><title>pow</title>")).listen(0, "127.0.0.1");
await new Promise((r) => server.once("listening", r));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: CHROMIUM_ARGS });
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results: Record<string, unknown>[] = [];
for (const [cost, samples] of runs) {
  const times: number[] = [];
  const numbers: number[] = [];
  for (let i = 0; i < samples; i++) {
    const challenge = await createChallenge({ hmacKey: "bench", maxnumber: cost });
    const c = { ...challenge, maxNumber: cost };
    const { ms, payload } = await page.evaluate(
      async ({ source, c }) => {
        const worker = new Worker(URL.createObjectURL(new Blob([`onmessage=async e=>postMessage(await(${source})(e.data))`], { type: "text/javascript" })));
        const t0 = performance.now();
        const payload = await new Promise<string | null>((resolve) => {
          worker.onmessage = (e) => resolve(e.data);
          worker.postMessage(c);
        });
        worker.terminate();
        return { ms: performance.now() - t0, payload };
      },
      { source: solve.toString(), c },
    );
    if (!payload) throw new Error(`no solution at cost ${cost}`);
    times.push(ms);
    numbers.push((JSON.parse(Buffer.from(payload, "base64").toString()) as { number: number }).number);
  }
  const row = {
    cost,
    samples,
    medianMs: Math.round(median(times)),
    maxMs: Math.round(Math.max(...times)),
    meanMs: Math.round(times.reduce((a, b) => a + b, 0) / samples),
    // Per hash tried (the solution's number + 1): the browser's rate on this machine.
    microsecondsPerHash: Math.round((times.reduce((a, b) => a + b, 0) * 1000) / numbers.reduce((a, n) => a + n + 1, 0) * 10) / 10,
  };
  results.push(row);
  console.log(`cost ${cost}: median ${row.medianMs} ms, max ${row.maxMs} ms over ${samples} challenges (${row.microsecondsPerHash} µs per hash)`);
}
await browser.close();
server.close();

const out = fileURLToPath(new URL("../../bench-results/", import.meta.url));
mkdirSync(out, { recursive: true });
writeFileSync(
  `${out}pow-solve-chromium.json`,
  `${JSON.stringify({ date: new Date().toISOString(), machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model }, browser: browser.version(), results }, null, 2)}\n`,
);
