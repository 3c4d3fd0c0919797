import { describe, expect, it } from "vitest";
import { createApi, ENTER_WAITING_ROOM, request, WAITING_ROOM_STATUS } from "./api.ts";

describe("the widget's requests", () => {
  it("mark mutations in x-tv-operation (an overloaded gateway sorts them before reading the body), not queries", async () => {
    const seen: { operation: string | null; language: string | null; body: string }[] = [];
    const fake: typeof fetch = async (_input, init) => {
      const headers = new Headers(init?.headers);
      seen.push({ operation: headers.get("x-tv-operation"), language: headers.get("accept-language"), body: String(init?.body) });
      const data = /waitingRoomStatus/.test(String(init?.body))
        ? { waitingRoomStatus: { __typename: "WaitingRoomStatus", state: "WAITING" } }
        : { enterWaitingRoom: { __typename: "InputError", code: "NO_WAITING_ROOM", message: "" } };
      return new Response(JSON.stringify({ data }), { headers: { "content-type": "application/json" } });
    };
    const api = createApi("http://gateway.test/graphql", () => "en", { fetch: fake });
    await request(api.client, ENTER_WAITING_ROOM, { tenant: "demo" }, { mutation: true });
    await request(api.client, WAITING_ROOM_STATUS, { tenant: "demo", ticket: "t" });
    expect(seen.map((s) => s.operation)).toEqual(["mutation", null]);
    expect(seen.map((s) => s.language)).toEqual(["en", "en"]);
  });
});
