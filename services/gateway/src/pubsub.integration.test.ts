import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { privateRedis, type PrivateRedis, redisServerAvailable } from "../test/redis-server.ts";
import { freePort } from "../test/processes.ts";
import { createPubSubHandle, type PubSubHandle } from "./pubsub.ts";

async function until(condition: () => boolean, what: string, limitMs = 30_000) {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Collects `availability:changed` events of one handle. */
function listen(handle: PubSubHandle) {
  const seen: string[] = [];
  const stream = handle.pubsub.subscribe("availability:changed");
  void (async () => {
    for await (const event of stream) seen.push(event.eventId);
  })();
  return { seen, stop: () => stream.return?.(undefined) };
}

const change = (eventId: string) => ({ officeId: "o", eventId });

describe.runIf(redisServerAvailable)("pub/sub without Redis, and Redis lost and back", () => {
  const handles: PubSubHandle[] = [];
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  let redis: PrivateRedis;
  beforeAll(async () => {
    process.on("unhandledRejection", onRejection);
    redis = await privateRedis();
  });
  afterEach(async () => {
    await Promise.all(handles.splice(0).map((h) => h.close()));
    await redis.kill();
  });
  afterAll(() => {
    process.off("unhandledRejection", onRejection);
  });

  it("starts without a reachable Redis, delivers locally, and joins Redis once it is there", async () => {
    const a = await createPubSubHandle(redis.url, { connectTimeoutMs: 200 });
    handles.push(a);
    expect(a.state()).toBe("degraded");
    const local = listen(a);
    await new Promise((r) => setTimeout(r, 20));
    a.pubsub.publish("availability:changed", change("while-down"));
    await until(() => local.seen.includes("while-down"), "local delivery");
    await redis.start();
    await until(() => a.state() === "redis", "the reconnect");
    const b = await createPubSubHandle(redis.url);
    handles.push(b);
    const remote = listen(b);
    await new Promise((r) => setTimeout(r, 100));
    a.pubsub.publish("availability:changed", change("after-start"));
    await until(() => remote.seen.includes("after-start"), "delivery to the other instance");
    // One delivery to A's own subscriber: the echo from Redis is not delivered again.
    await new Promise((r) => setTimeout(r, 200));
    expect(local.seen.filter((id) => id === "after-start")).toHaveLength(1);
    expect(rejections).toEqual([]);
  });

  it("Redis killed under traffic: publishing goes on locally without a rejection, and crosses instances again after a restart", async () => {
    await redis.start();
    const a = await createPubSubHandle(redis.url);
    const b = await createPubSubHandle(redis.url);
    handles.push(a, b);
    expect([a.state(), b.state()]).toEqual(["redis", "redis"]);
    const onA = listen(a);
    const onB = listen(b);
    await new Promise((r) => setTimeout(r, 100));
    a.pubsub.publish("availability:changed", change("before"));
    await until(() => onB.seen.includes("before"), "delivery before the kill");

    let published = 0;
    const load = setInterval(() => a.pubsub.publish("availability:changed", change(`load-${published++}`)), 2);
    await new Promise((r) => setTimeout(r, 100));
    await redis.kill();
    await until(() => a.state() === "degraded" && b.state() === "degraded", "noticing the loss");
    await new Promise((r) => setTimeout(r, 500));
    clearInterval(load);
    // Every event reached A's own subscribers, Redis or not.
    await until(() => onA.seen.length >= published + 1, "local delivery of every event");

    await redis.start();
    await until(() => a.state() === "redis" && b.state() === "redis", "the reconnect");
    const deadline = Date.now() + 30_000;
    // Resubscription happens on reconnect; publish until B hears one.
    for (let i = 0; !onB.seen.some((id) => id.startsWith("after")); i++) {
      if (Date.now() > deadline) throw new Error("B never heard A after the restart");
      a.pubsub.publish("availability:changed", change(`after-${i}`));
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(rejections).toEqual([]);
  });

  it("a port nobody listens on leaves the handle degraded and quiet", async () => {
    const port = await freePort();
    const a = await createPubSubHandle(`redis://127.0.0.1:${port}`, { connectTimeoutMs: 100 });
    handles.push(a);
    for (let i = 0; i < 50; i++) a.pubsub.publish("availability:changed", change(`x${i}`));
    await new Promise((r) => setTimeout(r, 300));
    expect(a.state()).toBe("degraded");
    expect(rejections).toEqual([]);
  });
});
