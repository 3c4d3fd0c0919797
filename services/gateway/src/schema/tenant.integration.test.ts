import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

const TENANT_QUERY = /* GraphQL */ `
  query ($slug: String!) {
    tenant(slug: $slug) { name offices { name } services { name documents } }
  }
`;

type TenantData = { tenant: { name: string; offices: { name: string }[]; services: { name: string; documents: string[] }[] } | null };

describe.each(testTargets())("tenant(slug) ($name)", (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(target);
  });
  afterAll(async () => h?.close());

  it.each(["demo-buergerbuero", "demo-buergerservice", "demo-steuerberatung"])(
    "answers for the demo tenant %s with offices and services with documents",
    async (slug) => {
      const { status, body } = await h.gql<TenantData>(TENANT_QUERY, { slug });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      const tenant = body.data?.tenant;
      expect(tenant?.name).toBeTruthy();
      expect(tenant?.offices.length).toBeGreaterThan(0);
      expect(tenant?.services.length).toBeGreaterThan(0);
      expect(tenant?.services.some((s) => s.documents.length > 0)).toBe(true);
    },
  );

  it("serves case A's seven concerns and two offices, in German by default and English on request", async () => {
    const de = await h.gql<TenantData>(TENANT_QUERY, { slug: "demo-buergerbuero" });
    expect(de.body.data?.tenant?.services).toHaveLength(7);
    expect(de.body.data?.tenant?.offices).toHaveLength(2);
    expect(de.body.data?.tenant?.services.map((s) => s.name).join(" ")).toMatch(/Führungszeugnis/);
    const en = await h.gql<TenantData>(TENANT_QUERY, { slug: "demo-buergerbuero" }, { "accept-language": "en-GB,en;q=0.9" });
    expect(en.body.data?.tenant?.services.map((s) => s.name).join(" ")).toMatch(/good conduct/i);
  });

  it("returns null for an unknown slug", async () => {
    const { status, body } = await h.gql<TenantData>(TENANT_QUERY, { slug: "no-such-agency" });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { tenant: null } });
  });

  it("answers a malformed query with a GraphQL error, never a 500 or a stack trace", async () => {
    for (const query of ["{ tenant(slug: ", "{ tenant { name } }", "{ tenant(slug: 1) { nope } }", "mutation { x }"]) {
      const { status, body } = await h.gql(query);
      expect(status).toBeLessThan(500);
      expect(body.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+|stack/i);
    }
  });

  it("rejects queries over the alias and token limits", async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: tenant(slug: "demo-buergerbuero") { slug }`).join(" ");
    const tooManyAliases = await h.gql(`{ ${aliases} }`);
    expect(tooManyAliases.body.errors?.[0]?.message).toMatch(/aliases/i);
    const tokens = Array.from({ length: 1100 }, () => "slug").join(" ");
    const tooManyTokens = await h.gql(`{ tenant(slug: "demo-buergerbuero") { ${tokens} } }`);
    expect(tooManyTokens.body.errors?.[0]?.message).toMatch(/token/i);
  });

  it("gives a browser on an allowed origin CORS headers, and none to other origins", async () => {
    const preflight = (origin: string) =>
      h.yoga.fetch("http://localhost/graphql", {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
      });
    const allowed = await preflight("http://localhost:4001");
    expect(allowed.headers.get("access-control-allow-origin")).toBe("http://localhost:4001");
    const denied = await preflight("https://evil.example");
    expect(denied.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("refuses a tenant's data to an origin that only another tenant allows", async () => {
    const origin = "https://www.beispielstadt.example";
    await h.database.db.prisma.tenant.update({
      where: { slug: "demo-buergerservice" },
      data: { allowedOrigins: { push: origin } },
    });
    const own = await h.gql<TenantData>(TENANT_QUERY, { slug: "demo-buergerservice" }, { origin });
    expect(own.body.data?.tenant?.name).toBeTruthy();
    const other = await h.gql<TenantData>(TENANT_QUERY, { slug: "demo-buergerbuero" }, { origin, "accept-language": "en" });
    expect(other.body.data?.tenant).toBeNull();
    expect(other.body.errors?.[0]?.extensions?.code).toBe("ORIGIN_NOT_ALLOWED");
    expect(other.body.errors?.[0]?.message).toMatch(/not allowed to embed/);
  });
});
