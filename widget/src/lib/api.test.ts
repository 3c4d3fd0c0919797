import { afterEach, describe, expect, it, vi } from "vitest";
import { DeskClient } from "../desk/lib/client.ts";
import * as deskDocuments from "../desk/lib/documents.ts";
import * as portalDocuments from "../portal/portal-api.ts";
import { authorizedFetch } from "../portal/session.ts";
import { createApi, ENTER_WAITING_ROOM, request, WAITING_ROOM_STATUS } from "./api.ts";
import type { TypedDocument } from "./typed-document.ts";

/** The mutation documents among a module's exports. */
const mutations = (module: Record<string, unknown>) =>
  Object.values(module).filter((value): value is TypedDocument<unknown, never> => typeof value === "string" && /^\s*mutation\b/.test(value));

/** A gateway that answers every request with empty data and notes each one's x-tv-operation. */
function recordingFetch() {
  const operations: (string | null)[] = [];
  const fake: typeof fetch = async (_input, init) => {
    operations.push(new Headers(init?.headers).get("x-tv-operation"));
    return new Response(JSON.stringify({ data: {} }), { headers: { "content-type": "application/json" } });
  };
  return { operations, fake };
}

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

  describe("of the desk and the portal (their own clients, the same marking)", () => {
    afterEach(() => vi.unstubAllGlobals());

    it("the desk's client marks every one of its mutations", async () => {
      const { operations, fake } = recordingFetch();
      vi.stubGlobal("fetch", fake); // the desk's client uses the page's fetch (same origin, cookie)
      const desk = new DeskClient("http://gateway.test/graphql", () => "de", () => undefined);
      const documents = mutations(deskDocuments);
      for (const document of documents) await desk.mutate(document, {});
      expect(documents.length).toBeGreaterThan(5);
      expect(operations).toEqual(documents.map(() => "mutation"));
    });

    it("the portal's client (with its bearer token) marks every one of its mutations", async () => {
      const { operations, fake } = recordingFetch();
      vi.stubGlobal("fetch", fake); // authorizedFetch sends through the page's fetch
      const api = createApi("http://gateway.test/graphql", () => "de", { fetch: authorizedFetch(() => "token") });
      const documents = mutations(portalDocuments);
      for (const document of documents) await request(api.client, document, {} as never, { mutation: true });
      expect(documents.length).toBeGreaterThan(5);
      expect(operations).toEqual(documents.map(() => "mutation"));
    });
  });
});
