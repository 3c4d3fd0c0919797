import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type Harness, startHarness, testTargets } from "../test/harness.ts";
import { listen, type RunningServer } from "./server.ts";

describe("graphql-ws on /graphql", () => {
  let h: Harness;
  let server: RunningServer;
  beforeAll(async () => {
    h = await startHarness(testTargets()[0]!);
    server = await listen(h.app.services, h.yoga, 0, "127.0.0.1");
  });
  afterAll(async () => {
    await server?.close();
    await h?.close();
  });

  const client = (headers: Record<string, string> = {}) =>
    createClient({
      url: `ws://127.0.0.1:${server.port}/graphql`,
      webSocketImpl: class extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers });
        }
      },
      retryAttempts: 0,
      lazy: true,
    });

  it("delivers published events to a subscriber on the same port and path as HTTP", async () => {
    const ws = client();
    const received: string[] = [];
    const done = new Promise<void>((resolve, reject) => {
      ws.subscribe<{ heartbeat: string }>(
        { query: "subscription { heartbeat(count: 2) }" },
        { next: (r) => r.data && received.push(r.data.heartbeat), error: reject, complete: resolve },
      );
    });
    // publish until the subscription has seen both events (it may connect after the first)
    const timer = setInterval(() => h.app.services.pubsub.publish("heartbeat", { at: new Date().toISOString() }), 50);
    await done.finally(() => clearInterval(timer));
    await ws.dispose();
    expect(received).toHaveLength(2);
    expect(Date.parse(received[0]!)).not.toBeNaN();
  });

  it("returns validation errors for a bad subscription instead of crashing", async () => {
    const ws = client();
    const error = await new Promise<unknown>((resolve) => {
      ws.subscribe({ query: "subscription { nope }" }, { next: () => {}, error: resolve, complete: () => resolve(null) });
    });
    await ws.dispose();
    expect(JSON.stringify(error)).toMatch(/nope/);
  });

  it("refuses WebSocket upgrades from origins no tenant allows", async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/graphql`, "graphql-transport-ws", {
      headers: { origin: "https://evil.example" },
    });
    const status = await new Promise<number | undefined>((resolve) => {
      socket.on("unexpected-response", (_req, res) => resolve(res.statusCode));
      socket.on("open", () => resolve(101));
      socket.on("error", () => resolve(undefined));
    });
    expect(status).toBe(403);
  });
});
