import { Redis } from "ioredis";
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";
import type { Logger } from "../logger.ts";

export interface LimiterOptions {
  /** Distinguishes the counters of one limiter from another's (part of every key). */
  prefix: string;
  points: number;
  durationSeconds: number;
}

/**
 * Where counters live: in this process's memory by default; in Redis when `REDIS_URL` is
 * set, so a limit holds across every gateway instance. Should Redis be unreachable, each
 * Redis limiter falls back to an in-memory one (per process) instead of failing requests.
 */
export interface LimiterStore {
  readonly kind: "memory" | "redis";
  /**
   * Settles once the shared counters can be used (at once in memory; with Redis when it
   * answers, or after a few seconds without it — then each instance counts alone until it does).
   */
  readonly ready: Promise<void>;
  limiter(options: LimiterOptions): RateLimiterAbstract;
  close(): Promise<void>;
}

export function createLimiterStore(redisUrl: string | undefined, logger: Logger): LimiterStore {
  const memory = (o: LimiterOptions) => new RateLimiterMemory({ keyPrefix: o.prefix, points: o.points, duration: o.durationSeconds });
  if (!redisUrl) return { kind: "memory", ready: Promise.resolve(), limiter: memory, async close() {} };
  // No offline queue: while Redis is away a command fails at once and the in-memory
  // insurance limiter answers, instead of requests waiting for a reconnect.
  const client = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
  let warned = false;
  client.on("error", (error: Error) => {
    if (warned) return;
    warned = true;
    logger.error("rate_limit.redis_unavailable", { message: error.message });
  });
  client.on("ready", () => (warned = false));
  const ready = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 3_000);
    timer.unref();
    client.once("ready", () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return {
    kind: "redis",
    ready,
    limiter: (o) =>
      new RateLimiterRedis({
        storeClient: client,
        keyPrefix: `tv:${o.prefix}`,
        points: o.points,
        duration: o.durationSeconds,
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory(o),
      }),
    async close() {
      client.disconnect();
    },
  };
}
