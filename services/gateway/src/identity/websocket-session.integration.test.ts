import { DEMO_PASSWORD } from "@terminvergabe/db";
import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";
import { listen, type RunningServer } from "../server.ts";

const VIEWER = `{ viewer { kind ... on StaffViewer { roles tenant { slug } } } }`;
const LOGIN = `mutation ($deliverAs: SessionDelivery) {
  staffLogin(tenant: "demo-buergerservice", email: "buergerservice.schalter@example.org", password: "${DEMO_PASSWORD}", deliverAs: $deliverAs) {
    ... on StaffSession { token }
  }
}`;

describe("sessions over graphql-ws", () => {
  let h: Harness;
  let server: RunningServer;
  beforeAll(async () => {
    h = await startHarness(testTargets()[0]!, {}, { jobs: false });
    server = await listen(h.app.services, h.yoga, 0, "127.0.0.1");
  });
  afterAll(async () => {
    await server?.close();
    await h?.close();
  });

  async function viewerOverWs(options: { headers?: Record<string, string>; connectionParams?: Record<string, unknown> }) {
    const client = createClient({
      url: `ws://127.0.0.1:${server.port}/graphql`,
      webSocketImpl: class extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers: options.headers ?? {} });
        }
      },
      connectionParams: options.connectionParams,
      retryAttempts: 0,
      lazy: true,
    });
    try {
      const result = await new Promise<unknown>((resolve, reject) => {
        client.subscribe({ query: VIEWER }, { next: resolve, error: reject, complete: () => {} });
      });
      return (result as { data?: { viewer: unknown } }).data?.viewer;
    } finally {
      await client.dispose();
    }
  }

  it("takes a bearer token from connectionParams (browsers cannot set headers on a WebSocket)", async () => {
    const { body } = await h.gql<{ staffLogin: { token: string } }>(LOGIN, { deliverAs: "TOKEN" });
    const token = body.data!.staffLogin.token;
    expect(await viewerOverWs({ connectionParams: { authorization: `Bearer ${token}` } })).toEqual({
      kind: "STAFF",
      roles: ["CLERK"],
      tenant: { slug: "demo-buergerservice" },
    });
    expect(await viewerOverWs({})).toEqual({ kind: "ANONYMOUS" });
  });

  it("honours the session cookie on the gateway's own origin only", async () => {
    const login = await h.gql(LOGIN, { deliverAs: "COOKIE" });
    const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
    expect(await viewerOverWs({ headers: { cookie, origin: h.config.publicUrl } })).toMatchObject({ kind: "STAFF" });
    // An agency's website may open the socket, but not with the desk's session.
    expect(await viewerOverWs({ headers: { cookie, origin: "http://localhost:4001" } })).toEqual({ kind: "ANONYMOUS" });
  });
});
