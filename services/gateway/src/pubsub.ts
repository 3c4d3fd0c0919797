import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { createPubSub } from "graphql-yoga";
import { Redis } from "ioredis";

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

export interface PubSubHandle {
  pubsub: PubSub;
  kind: "memory" | "redis";
  close(): Promise<void>;
}

/** In-memory pub/sub by default; Redis pub/sub across instances when `redisUrl` is set. */
export async function createPubSubHandle(redisUrl: string | undefined): Promise<PubSubHandle> {
  if (!redisUrl) return { pubsub: createPubSub<Topics>(), kind: "memory", async close() {} };
  const publishClient = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  // ioredis runs CLIENT SETINFO and an INFO ready check after connecting; on a connection
  // that already SUBSCRIBEd they fail ("subscriber mode") and it reconnects, dropping
  // messages. Skip both and wait until both connections are ready before subscribing.
  const subscribeClient = new Redis(redisUrl, { maxRetriesPerRequest: 3, enableReadyCheck: false, disableClientInfo: true });
  await Promise.all(
    [publishClient, subscribeClient].map(
      (client) =>
        new Promise<void>((resolve, reject) => {
          if (client.status === "ready") return resolve();
          client.once("ready", () => resolve());
          client.once("error", reject);
        }),
    ),
  );
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
