import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

/**
 * Issue 16, item 5: 12,000 requests with unique 60 KB unknown slugs grew the gateway from
 * 300 to 1,577 MiB for good — every miss was cached under the attacker's key. The RSS
 * figure is measured by bench/memory-slugs.ts; this test holds the mechanism: oversized
 * references are refused before any cache, unknown ones of a valid shape stay bounded.
 */
describe("caches stay bounded under attacker-chosen references", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(testTargets()[0]!, {}, { catalogTtlMs: 60_000 });
  });
  afterAll(async () => h?.close());

  it("a 60 KB slug is refused as ARGUMENT_TOO_LONG, in variables and inline, and caches nothing", async () => {
    const slug = "a".repeat(60 * 1024);
    const viaVariables = await h.gql("query ($s: String!) { tenant(slug: $s) { slug } }", { s: slug });
    expect(viaVariables.body.errors?.[0]?.extensions?.code).toBe("ARGUMENT_TOO_LONG");
    const inline = await h.gql(`{ tenant(slug: "${slug}") { slug } }`);
    expect(inline.body.errors?.[0]?.extensions?.code).toBe("ARGUMENT_TOO_LONG");
    const english = await h.gql("query ($s: String!) { tenant(slug: $s) { slug } }", { s: slug }, { "accept-language": "en" });
    expect(english.body.errors?.[0]?.message).toBe("A value is too long.");
    expect(h.app.services.tenants.sizes().tenantsBySlug).toBe(0);
  });

  it("slugs that cannot name an agency are not looked up or cached", async () => {
    for (const slug of ["", "a b", "../x", "ä", "-x"]) {
      const { body } = await h.gql("query ($s: String!) { tenant(slug: $s) { slug } }", { s: slug });
      expect(body.data).toEqual({ tenant: null });
    }
    expect(h.app.services.tenants.sizes().tenantsBySlug).toBe(0);
  });

  it("thousands of unknown slugs of a valid shape, and unknown offices, keep the caches within their bounds", async () => {
    const services = h.app.services;
    for (let i = 0; i < 1_200; i++) await services.tenants.bySlug(`unknown-${i}-${"x".repeat(40)}`);
    expect(services.tenants.sizes().tenantsBySlug).toBeLessThanOrEqual(1_000);
    const tenant = (await services.tenants.bySlug("demo-buergerbuero"))!;
    expect(tenant).not.toBeNull();
    for (let i = 0; i < 2_100; i++) await services.scheduling.office(tenant, `office-${i}`).catch(() => undefined);
    expect(services.scheduling.cachedSchedules()).toBeLessThanOrEqual(2_000);
    // An over-long office reference is unknown without a lookup.
    const before = services.scheduling.cachedSchedules();
    await expect(services.scheduling.office(tenant, "o".repeat(61_440))).rejects.toMatchObject({ code: "UNKNOWN_OFFICE" });
    expect(services.scheduling.cachedSchedules()).toBe(before);
    // Known agencies still answer.
    expect((await h.gql('{ tenant(slug: "demo-buergerbuero") { slug } }')).body.data).toEqual({ tenant: { slug: "demo-buergerbuero" } });
  });
});
