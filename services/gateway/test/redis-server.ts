import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { freePort } from "./processes.ts";

/** Whether `redis-server` is installed (CI installs it; see .ci/run). */
export const redisServerAvailable = spawnSync("redis-server", ["--version"]).status === 0;

/**
 * A private redis-server on its own port for fault tests: killed and restarted at will,
 * without touching the Redis other tests share.
 */
export interface PrivateRedis {
  port: number;
  url: string;
  /** Starts it (again) on the same port; resolves once it answers. */
  start(): Promise<void>;
  /** SIGKILL: connections drop at once, as in a crash. */
  kill(): Promise<void>;
}

export async function privateRedis(port?: number): Promise<PrivateRedis> {
  const p = port ?? (await freePort());
  let child: ChildProcess | null = null;
  return {
    port: p,
    url: `redis://127.0.0.1:${p}`,
    async start() {
      child = spawn("redis-server", ["--port", String(p), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
      for (let i = 0; i < 100; i++) {
        if (spawnSync("redis-cli", ["-p", String(p), "ping"]).stdout?.toString().includes("PONG")) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`redis-server on port ${p} did not start`);
    },
    async kill() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((r) => running.once("exit", r));
      running.kill("SIGKILL");
      await exited;
    },
  };
}
