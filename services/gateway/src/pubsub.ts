import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { createPubSub } from "graphql-yoga";
import { Redis } from "ioredis";

/** Every topic the gateway publishes, with its payload. */
export type Topics = {
  /**
   * Availability of an office changed (hold, booking, cancellation, reschedule, expiry).
   * One global topic rather than one per office: every instance listens to it to drop
   * its cached busy times, and subscribers filter by office. `eventId` lets subscribers
   * with identical arguments share one recomputation per event.
   */
  "availability:changed": [payload: { officeId: string; eventId: string }];
};

export type PubSub = ReturnType<typeof createPubSub<Topics>>;

export interface PubSubHandle {
  pubsub: PubSub;
  kind: "memory" | "redis";
  close(): Promise<void>;
}

/** In-memory pub/sub by default; Redis pub/sub across instances when `redisUrl` is set. */
export function createPubSubHandle(redisUrl: string | undefined): PubSubHandle {
  if (!redisUrl) return { pubsub: createPubSub<Topics>(), kind: "memory", async close() {} };
  const publishClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const subscribeClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const eventTarget = createRedisEventTarget({ publishClient, subscribeClient });
  return {
    pubsub: createPubSub<Topics>({ eventTarget }),
    kind: "redis",
    async close() {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}
