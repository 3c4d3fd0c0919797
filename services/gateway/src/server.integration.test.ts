import http from "node:http";
import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type Harness, startHarness, testTargets } from "../test/harness.ts";
import { createTinyOffice, HOLD } from "../test/booking-fixture.ts";
import { listen, type RunningServer } from "./server.ts";

describe("graphql-ws on /graphql", () => {
  let h: Harness;
  let server: RunningServer;
  beforeAll(async () => {
    h = await startHarness(testTargets()[0]!, {}, { clock: () => new Date("2030-03-01T08:00:00Z"), jobs: false });
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

  it("pushes a day's free times live: a hold made over HTTP removes the time for a subscriber", async () => {
    const office = await createTinyOffice(h.database.db, { slug: "live", date: "2030-03-04", until: "10:00" });
    const ws = client();
    const updates: string[][] = [];
    const query = `subscription ($items: [RequestItemInput!]!) {
      slotsChanged(tenant: "live", office: "amt", items: $items, date: "2030-03-04") { slots { start } }
    }`;
    let dispose = () => {};
    const twoUpdates = new Promise<void>((resolve, reject) => {
      dispose = ws.subscribe<{ slotsChanged: { slots: { start: string }[] } }>(
        { query, variables: { items: [{ serviceId: office.serviceId, quantity: 1 }] } },
        {
          next: (r) => {
            if (r.errors) reject(new Error(JSON.stringify(r.errors)));
            updates.push(r.data!.slotsChanged.slots.map((s) => s.start));
            if (updates.length === 2) resolve();
          },
          error: reject,
          complete: () => {},
        },
      );
    });
    while (updates.length === 0) await new Promise((r) => setTimeout(r, 20));
    expect(updates[0]).toEqual(["2030-03-04T08:00:00.000Z", "2030-03-04T08:30:00.000Z"]);
    const held = await h.gql<{ holdSlot: { __typename: string } }>(HOLD, {
      input: { tenant: "live", office: "amt", items: [{ serviceId: office.serviceId, quantity: 1 }], start: "2030-03-04T08:00:00.000Z" },
    });
    expect(held.body.data?.holdSlot.__typename).toBe("Hold");
    await twoUpdates;
    dispose();
    await ws.dispose();
    expect(updates[1]).toEqual(["2030-03-04T08:30:00.000Z"]);
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

  /** A raw POST to /graphql: a known length (string body) or chunked (written in parts). */
  const post = (parts: string[], chunked: boolean) =>
    new Promise<{ status: number; json: { errors?: { extensions: { code: string } }[]; data?: unknown } }>((resolve, reject) => {
      const length = Buffer.byteLength(parts.join(""));
      const request = http.request(
        `http://127.0.0.1:${server.port}/graphql`,
        { method: "POST", headers: { "content-type": "application/json", ...(chunked ? { "transfer-encoding": "chunked" } : { "content-length": length }) } },
        (response) => {
          let text = "";
          response.on("data", (chunk) => (text += chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) }));
        },
      );
      request.on("error", reject);
      for (const part of parts) request.write(part);
      request.end();
    });

  it("refuses request bodies over 64 KiB and bodies of unknown length, typed, before reading them", async () => {
    const big = JSON.stringify({ query: "{ __typename }", variables: { pad: "x".repeat(70 * 1024) } });
    const tooLarge = await post([big], false);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json.errors?.[0]?.extensions.code).toBe("PAYLOAD_TOO_LARGE");
    const chunked = await post(['{"query":', '"{ __typename }"}'], true);
    expect(chunked.status).toBe(411);
    expect(chunked.json.errors?.[0]?.extensions.code).toBe("LENGTH_REQUIRED");
    expect(await post(['{"query":"{ __typename }"}'], false)).toEqual({ status: 200, json: { data: { __typename: "Query" } } });
  });
});
