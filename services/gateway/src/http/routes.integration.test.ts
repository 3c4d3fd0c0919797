import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

describe("HTTP routes", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(testTargets()[0]!);
  });
  afterAll(async () => h?.close());

  it("/healthz is live and /readyz reports the database", async () => {
    expect(await (await h.yoga.fetch("http://localhost/healthz")).json()).toEqual({ status: "ok" });
    const ready = await h.yoga.fetch("http://localhost/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", database: "pglite", pubsub: "memory" });
  });

  it("/ lists the three demo agencies with their services, escaped", async () => {
    const response = await h.yoga.fetch("http://localhost/");
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    const page = await response.text();
    for (const slug of ["demo-buergerbuero", "demo-buergerservice", "demo-steuerberatung"]) expect(page).toContain(slug);
    expect(page).toContain("Führungszeugnis");
    expect(page).toContain('<html lang="de">');
  });

  it("/graphql serves GraphiQL to a browser", async () => {
    const response = await h.yoga.fetch("http://localhost/graphql", { headers: { accept: "text/html" } });
    expect(await response.text()).toMatch(/graphiql/i);
  });

  it("/readyz reports 503 when the database is gone", async () => {
    const other = await startHarness(testTargets()[0]!);
    await other.database.db.close();
    const response = await other.yoga.fetch("http://localhost/readyz");
    expect(response.status).toBe(503);
    await other.app.close();
  });
});

describe("request size", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(testTargets()[0]!);
  });
  afterAll(async () => h?.close());

  it("refuses bodies over 64 KiB with 413 and a typed error, and accepts normal ones", async () => {
    const big = JSON.stringify({ query: "{ __typename }", variables: { pad: "x".repeat(70 * 1024) } });
    const refused = await h.yoga.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(big)) },
      body: big,
    });
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe("PAYLOAD_TOO_LARGE");
    const small = JSON.stringify({ query: "{ __typename }" });
    const ok = await h.yoga.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(small)) },
      body: small,
    });
    expect(await ok.json()).toEqual({ data: { __typename: "Query" } });
  });
});
