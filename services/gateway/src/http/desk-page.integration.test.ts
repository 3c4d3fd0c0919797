import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { IdentityRepository } from "@terminvergabe/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

const DIST = process.env.WIDGET_DIST_DIR || fileURLToPath(new URL("../../../../widget/dist/", import.meta.url));

describe("staff desk page (/desk/<tenant>, /desk.js)", () => {
  let h: Harness;
  const get = (pathname: string) => h.yoga.fetch(`http://localhost${pathname}`);

  beforeAll(async () => {
    if (!existsSync(path.join(DIST, "desk/desk.js"))) {
      throw new Error(`the desk is not built (desk/desk.js missing in ${DIST}): run \`npm run build -w @terminvergabe/widget\``);
    }
    h = await startHarness(testTargets()[0]!);
  });
  afterAll(async () => h?.close());

  it("serves the desk page of an agency: only the desk bundle, no SSO button without single sign-on", async () => {
    const response = await get("/desk/demo-buergerbuero");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const page = await response.text();
    expect(page).toContain('<terminvergabe-desk tenant="demo-buergerbuero"');
    expect(page).toContain('sso=""');
    expect(page).toContain('<script type="module" src="/desk.js">');
    expect(page).not.toContain("widget.js");
  });

  it("names the agency's OpenID provider when it has single sign-on", async () => {
    const tenant = (await h.app.services.tenants.bySlug("demo-buergerservice"))!;
    await new IdentityRepository(h.app.services.db).saveSsoConfig({
      tenantId: tenant.id,
      issuer: "https://login.stadt.example/realms/stadt",
      clientId: "terminvergabe",
      clientSecret: "secret",
      scopes: "email profile",
      roleClaim: "groups",
      roleMapping: { "tv-clerk": "CLERK" },
      provisionUsers: true,
      enabled: true,
    });
    expect(await (await get("/desk/demo-buergerservice")).text()).toContain('sso="login.stadt.example"');
  });

  it("serves the same page for an invitation's set-password link", async () => {
    const response = await get("/desk/demo-buergerbuero/set-password");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<terminvergabe-desk tenant="demo-buergerbuero"');
    expect((await get("/desk/demo-buergerbuero/other")).status).toBe(404);
  });

  it("answers 404 for an unknown agency", async () => {
    expect((await get("/desk/unknown-agency")).status).toBe(404);
  });

  it("serves /desk.js and /desk/locales/en.js from widget/dist/desk", async () => {
    const bundle = await get("/desk.js");
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toMatch(/javascript/);
    expect(Buffer.from(await bundle.arrayBuffer()).equals(readFileSync(path.join(DIST, "desk/desk.js")))).toBe(true);
    expect((await get("/desk/locales/en.js")).status).toBe(200);
    expect((await get("/desk/locales/xx.js")).status).toBe(404);
  });
});
