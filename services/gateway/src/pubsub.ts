import { randomUUID } from "node:crypto";
import { createPubSub } from "graphql-yoga";
import { Redis } from "ioredis";
import type { Logger } from "./logger.ts";

/** Every topic the gateway publishes, with its payload. */
export type Topics = {
  /**
   * Availability of an office changed (hold, booking, cancellation, reschedule, expiry).
   * One global topic rather than one per office: every instance listens to it to drop
   * its cached busy times, and subscribers filter by office. `eventId` lets subscribers
   * with identical arguments share one recomputation per event. A new hold travels with
   * its interval, so every instance can add it to its cached busy times instead of
   * dropping them.
   */
  "availability:changed": [payload: AvailabilityChange];
  /**
   * A booking of an office changed the way the desk's day list shows it (confirmed,
   * cancelled, moved, expired, attendance, mass cancellation). New holds do not count:
   * they are not on the list, and a rush of them must not reload every desk.
   */
  "desk:changed": [payload: { officeId: string }];
};

export interface AvailabilityChange {
  officeId: string;
  eventId: string;
  hold?: HeldInterval;
  /**
   * The agency's configuration changed (office, counters, concerns, rules, closures,
   * policy, settings): every instance drops its cached definitions before recomputing.
   */
  configuration?: boolean;
}

/** A new hold as plain JSON (epoch milliseconds), with the start of its local day. */
export interface HeldInterval {
  counterId: string;
  startMs: number;
  endMs: number;
  channel: "ONLINE" | "STAFF";
  /** When the hold lapses unless confirmed. */
  untilMs: number;
  dayStartMs: number;
}

export type PubSub = ReturnType<typeof createPubSub<Topics>>;

/** "redis": shared across instances; "degraded": Redis configured but unreachable (local delivery only). */
export type PubSubState = "memory" | "redis" | "degraded";

export interface PubSubHandle {
  pubsub: PubSub;
  kind: "memory" | "redis";
  state(): PubSubState;
  close(): Promise<void>;
}

export interface PubSubOptions {
  logger?: Logger;
  /** How long the start waits for Redis before it goes on without it (default 3 s). */
  connectTimeoutMs?: number;
}

/** Reconnects for ever, at most every 2 s: Redis coming back is noticed within seconds. */
const retryStrategy = (times: number) => Math.min(100 * times, 2_000);

/**
 * In-memory pub/sub by default; Redis pub/sub across instances when `redisUrl` is set.
 *
 * Redis is an accelerator, never a dependency of a booking: every event reaches this
 * instance's subscribers at once, in process, and goes to Redis for the other instances
 * only while Redis is connected (messages carry this instance's id, so its own echo is
 * ignored). Unreachable at start or lost later, the gateway goes on with local delivery
 * ("degraded", see /readyz) and reconnects in the background; publishes never wait for
 * Redis and their failures are logged, not thrown.
 */
export async function createPubSubHandle(redisUrl: string | undefined, options: PubSubOptions = {}): Promise<PubSubHandle> {
  if (!redisUrl) return { pubsub: createPubSub<Topics>(), kind: "memory", state: () => "memory", async close() {} };
  const logger = options.logger;
  const origin = randomUUID();
  // Publishes fail at once while disconnected instead of queueing (the offline queue
  // would replay stale events minutes later, or reject them with MaxRetriesPerRequestError).
  const publishClient = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy, lazyConnect: true });
  // ioredis runs CLIENT SETINFO and an INFO ready check after connecting; on a connection
  // that already SUBSCRIBEd they fail ("subscriber mode") and it reconnects, dropping
  // messages. Skip both. Subscriptions are renewed on every reconnect.
  const subscribeClient = new Redis(redisUrl, {
    maxRetriesPerRequest: null,
    enableReadyCheck: false,
    disableClientInfo: true,
    retryStrategy,
    lazyConnect: true,
  });
  const local = new EventTarget();
  const listeners = new Map<string, number>();
  let up = false;
  const state = (): PubSubState => (publishClient.status === "ready" && subscribeClient.status === "ready" ? "redis" : "degraded");
  const noteState = (cause?: unknown) => {
    const now = state() === "redis";
    if (now === up) return;
    up = now;
    if (now) logger?.info("pubsub.redis_connected", {});
    else logger?.error("pubsub.redis_lost", { message: cause instanceof Error ? cause.message : undefined });
  };
  for (const client of [publishClient, subscribeClient]) {
    // Without a listener ioredis prints every connection error to the console.
    client.on("error", (error: unknown) => noteState(error));
    client.on("ready", () => noteState());
    client.on("close", () => noteState());
  }
  subscribeClient.on("ready", () => {
    const topics = [...listeners.keys()];
    if (topics.length) subscribeClient.subscribe(...topics).catch(() => undefined);
  });
  subscribeClient.on("message", (channel: string, message: string) => {
    let envelope: { o?: unknown; d?: unknown };
    try {
      envelope = JSON.parse(message) as { o?: unknown; d?: unknown };
    } catch {
      return;
    }
    if (envelope.o === origin) return;
    local.dispatchEvent(new CustomEvent(channel, { detail: envelope.d ?? null }));
  });
  type Listener = Parameters<EventTarget["addEventListener"]>[1];
  const eventTarget = {
    addEventListener(topic: string, listener: Listener) {
      local.addEventListener(topic, listener);
      const count = (listeners.get(topic) ?? 0) + 1;
      listeners.set(topic, count);
      if (count === 1 && subscribeClient.status === "ready") subscribeClient.subscribe(topic).catch(() => undefined);
    },
    removeEventListener(topic: string, listener: Listener) {
      local.removeEventListener(topic, listener);
      const count = (listeners.get(topic) ?? 0) - 1;
      if (count > 0) return void listeners.set(topic, count);
      listeners.delete(topic);
      if (subscribeClient.status === "ready") subscribeClient.unsubscribe(topic).catch(() => undefined);
    },
    dispatchEvent(event: Event) {
      const detail = (event as CustomEvent).detail as unknown;
      local.dispatchEvent(new CustomEvent(event.type, { detail }));
      if (publishClient.status === "ready") {
        publishClient.publish(event.type, JSON.stringify({ o: origin, d: detail })).catch((error: unknown) => noteState(error));
      }
      return true;
    },
  };
  publishClient.connect().catch(() => undefined);
  subscribeClient.connect().catch(() => undefined);
  const connected = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), options.connectTimeoutMs ?? 3_000);
    const check = () => {
      if (state() !== "redis") return;
      clearTimeout(timer);
      resolve(true);
    };
    publishClient.on("ready", check);
    subscribeClient.on("ready", check);
    check();
  });
  if (!connected) logger?.error("pubsub.redis_unavailable", { message: "starting with local live updates only; reconnecting in the background" });
  return {
    // Structurally yoga's TypedEventTarget; its generic event types do not name plain EventTarget listeners.
    pubsub: createPubSub<Topics>({ eventTarget: eventTarget as never }),
    kind: "redis",
    state,
    async close() {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}
