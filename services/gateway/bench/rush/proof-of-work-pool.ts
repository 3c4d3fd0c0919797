/**
 * Solves the citizens' proof-of-work challenges in a small pool of worker threads, so the
 * load generator's event loop — which measures every answer time — never runs a search.
 * On a real release each citizen's browser solves its own; here they share
 * BENCH_RUSH_POW_WORKERS threads (1 by default: the machine's two cores also run the
 * gateways and PostgreSQL), so a queue before the pool is part of what a citizen waits.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Challenge } from "../../test/proof-of-work-solver.ts";

export interface SolveStats {
  /** Challenges solved, and how many had which cost (maxNumber). */
  solves: number;
  failures: number;
  byCost: Map<number, number>;
  /** Busy time of the workers' searches (ms each): the CPU the proofs cost. */
  searchMs: number[];
  /** From handing a challenge to the pool until its solution came back (queue included), ms each. */
  waitMs: number[];
}

// Node 20 ignores `--import tsx` for a worker's entry file: the worker registers tsx's
// CommonJS hook, then requires the TypeScript worker.
const localRequire = createRequire(import.meta.url);
const bootstrap = `require(${JSON.stringify(localRequire.resolve("tsx/cjs/api"))}).register();
require(${JSON.stringify(fileURLToPath(new URL("./proof-of-work-worker.ts", import.meta.url)))});`;

interface Job {
  challenge: Challenge;
  started: number;
  resolve(solution: string): void;
  reject(error: Error): void;
}

export class ProofOfWorkPool {
  readonly stats: SolveStats = { solves: 0, failures: 0, byCost: new Map(), searchMs: [], waitMs: [] };
  private readonly workers: Worker[];
  private readonly idle: Worker[] = [];
  private readonly queue: { id: number; job: Job }[] = [];
  private readonly running = new Map<number, Job>();
  private nextId = 0;

  constructor(readonly size: number) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => {
      const worker = new Worker(bootstrap, { eval: true });
      worker.on("message", (message: { id: number; solution?: string; error?: string; ms: number }) => this.done(worker, message));
      return worker;
    });
    for (const worker of this.workers) worker.unref();
    this.idle.push(...this.workers);
  }

  /** The base64 solution of `challenge`, once a worker has found it. */
  solve(challenge: Challenge): Promise<string> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job: { challenge, started: performance.now(), resolve, reject } });
      this.dispatch();
    });
  }

  /** Challenges waiting for a worker right now. */
  queued(): number {
    return this.queue.length;
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const { id, job } = this.queue.shift()!;
      const worker = this.idle.pop()!;
      this.running.set(id, job);
      worker.ref(); // keeps the process alive while a search runs, not after
      worker.postMessage({ id, challenge: job.challenge });
    }
  }

  private done(worker: Worker, message: { id: number; solution?: string; error?: string; ms: number }): void {
    const job = this.running.get(message.id);
    this.running.delete(message.id);
    this.idle.push(worker);
    worker.unref();
    this.dispatch();
    if (!job) return;
    this.stats.searchMs.push(message.ms);
    this.stats.waitMs.push(performance.now() - job.started);
    if (message.solution === undefined) {
      this.stats.failures++;
      job.reject(new Error(message.error ?? "no solution"));
      return;
    }
    this.stats.solves++;
    this.stats.byCost.set(job.challenge.maxNumber, (this.stats.byCost.get(job.challenge.maxNumber) ?? 0) + 1);
    job.resolve(message.solution);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
