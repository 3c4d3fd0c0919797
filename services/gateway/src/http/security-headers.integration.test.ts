import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";
import { loadConfig } from "../config.ts";
import { createGatewayYoga, type GatewayYoga } from "../yoga.ts";

function expectBaseHeaders(response: Response) {
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  expect(response.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
}

describe("security headers, GraphiQL and introspection", () => {
  let h: Harness;
  let locked: GatewayYoga;
  const lockedGql = async (query: string) =>
    (await locked.fetch("http://localhost/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) })).json() as Promise<{
      data?: unknown;
      errors?: { message: string }[];
    }>;
  beforeAll(async () => {
    h = await startHarness(testTargets()[0]!, { graphiql: true, introspection: true });
    // The same services behind a second server with both turned off.
    locked = createGatewayYoga({ ...h.app.services, config: { ...h.config, graphiql: false, introspection: false } });
  });
  afterAll(async () => h?.close());

  it("GraphiQL is on by default and off with NODE_ENV=production unless GRAPHIQL says otherwise", () => {
    expect(loadConfig({}).graphiql).toBe(true);
    expect(loadConfig({ NODE_ENV: "production" }).graphiql).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", GRAPHIQL: "true" }).graphiql).toBe(true);
    expect(loadConfig({ GRAPHIQL: "false" }).graphiql).toBe(false);
    expect(loadConfig({ NODE_ENV: "production" }).introspection).toBe(false);
    expect(loadConfig({ GRAPHQL_INTROSPECTION: "false" }).introspection).toBe(false);
  });

  it("serves GraphiQL from the gateway itself: no script, style or font from another host", async () => {
    const response = await h.yoga.fetch("http://localhost/graphql", { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("YogaGraphiQL");
    expect(page).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/i);
    expect(page).not.toMatch(/unpkg|jsdelivr|cdn\./i);
    expectBaseHeaders(response);
    expect(response.headers.get("content-security-policy")).toMatch(/connect-src 'self'/);
  });

  it("without GRAPHIQL a browser gets no GraphiQL page", async () => {
    const response = await locked.fetch("http://localhost/graphql", { headers: { accept: "text/html" } });
    expect(await response.text()).not.toContain("YogaGraphiQL");
  });

  it("every API answer, page and file carries nosniff, Referrer-Policy and a CSP with frame-ancestors", async () => {
    const api = await h.gql("{ __typename }");
    expect(api.status).toBe(200);
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
    expect(api.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
    for (const path of ["/healthz", "/readyz", "/", "/manage/demo-buergerbuero", "/manage/unknown", "/nothing-here"]) {
      const response = await h.yoga.fetch(`http://localhost${path}`);
      expectBaseHeaders(response);
    }
    const refused = await h.yoga.fetch("http://localhost/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expectBaseHeaders(refused);
  });

  it("introspection can be turned off; ordinary queries still work", async () => {
    const open = await h.gql("{ __schema { queryType { name } } }");
    expect(open.body.data).toEqual({ __schema: { queryType: { name: "Query" } } });
    const closed = await lockedGql("{ __schema { queryType { name } } }");
    expect(closed.data).toBeUndefined();
    expect(closed.errors?.[0]?.message).toMatch(/introspection/i);
    expect((await lockedGql("{ __typename }")).data).toEqual({ __typename: "Query" });
  });
});
