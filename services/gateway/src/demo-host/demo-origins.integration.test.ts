import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

describe("the demo on another port (issue 11.13)", () => {
  let h: Harness;
  beforeAll(async () => {
    // PORT=5000 npm start: the demo host listens on 5001.
    h = await startHarness(testTargets()[0]!, { publicUrl: "http://localhost:5000", demoPort: 5001 }, { jobs: false });
  });
  afterAll(async () => h?.close());

  it("allows the demo tenants to be embedded from the demo host's port, and keeps 4001 for the e2e suites", async () => {
    const tenant = await h.database.db.prisma.tenant.findUniqueOrThrow({ where: { slug: "demo-buergerbuero" } });
    expect(tenant.allowedOrigins).toEqual(expect.arrayContaining(["http://localhost:5001", "http://127.0.0.1:5001", "http://localhost:4001"]));
    const preflight = await h.yoga.fetch("http://localhost/graphql", {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5001", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:5001");
    const answer = await h.gql<{ tenant: { slug: string } | null }>(`{ tenant(slug: "demo-buergerbuero") { slug } }`, {}, { origin: "http://localhost:5001" });
    expect(answer.body.data?.tenant?.slug).toBe("demo-buergerbuero");
  });
});
