/**
 * Single sign-on in the staff desk (issue 13) in Chromium: a real OpenID provider
 * (oidc-provider) on a loopback port, the agency configured for it, the gateway on
 * PostgreSQL. The desk's sign-in offers "Anmelden mit <provider>"; the clerk signs in at
 * the provider's pages and comes back signed in to the day list — no password typed at the
 * desk. An agency without single sign-on shows no such button.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestProvider, type TestProvider } from "../../services/gateway/test/oidc-test-provider.ts";
import { expectDeskAccessible } from "./support/desk.ts";
import { usePostgresStack } from "./support/postgres-stack.ts";
import { screenshot } from "./support/stack.ts";

const TENANT = "demo-buergerservice";
const WITHOUT_SSO = "demo-buergerbuero";
const CLIENT = { id: "terminvergabe-buergerservice", secret: "a-long-client-secret-only-for-this-test" };
/** The provider's users: a seeded clerk of the agency, matched by e-mail. */
const ACCOUNTS = {
  jan: { sub: "kc-jan", email: "buergerservice.schalter@example.org", email_verified: true, name: "Jan Muster", groups: ["tv-clerk"] },
};

const env = usePostgresStack();
let idp: TestProvider;

beforeAll(async () => {
  // The gateway's public URL is its own address here, so that is where the provider sends the browser back.
  idp = await startTestProvider({ client: CLIENT, redirectUris: [`${env.stack.gatewayUrl}/auth/${TENANT}/oidc/callback`], accounts: ACCOUNTS });
  const inserted = await env.sql(
    `INSERT INTO "TenantSso" ("tenantId", issuer, "clientId", "clientSecret", scopes, "roleClaim", "roleMapping", "provisionUsers", enabled)
     SELECT id, $2, $3, $4, 'email profile groups', 'groups', $5::jsonb, false, true FROM "Tenant" WHERE slug = $1 RETURNING "tenantId"`,
    [TENANT, idp.issuer, CLIENT.id, CLIENT.secret, JSON.stringify({ "tv-admin": "ADMIN", "tv-clerk": "CLERK" })],
  );
  expect(inserted).toHaveLength(1);
});
afterAll(async () => {
  await idp?.close();
});

describe("staff desk: single sign-on", () => {
  it("signs a clerk in through the agency's OpenID provider and lands on the day list", async () => {
    const page = await env.stack.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${env.stack.gatewayUrl}/desk/${TENANT}`);
    const desk = page.locator("terminvergabe-desk");
    const provider = new URL(idp.issuer).host;
    const sso = desk.getByRole("link", { name: `Anmelden mit ${provider}` });
    await sso.waitFor();
    await expectDeskAccessible(page, "sign-in with single sign-on");
    await screenshot(page, "desk-sso-0-sign-in");

    await sso.click();
    // The provider's own login page (development interactions of oidc-provider).
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.locator('input[name="login"]').fill("jan");
    await page.locator('input[name="password"]').fill("any-password-the-provider-checks");
    await page.locator('button[type="submit"]').click();
    // Its consent page: the desk asks for e-mail, profile and groups.
    await page.locator('button[type="submit"]').waitFor();
    expect(new URL(page.url()).origin).toBe(idp.issuer);
    await page.locator('button[type="submit"]').click();

    // Back at the gateway: "Angemeldet", then on to the desk, signed in.
    await desk.getByRole("heading", { name: /^Tagesliste – / }).waitFor();
    expect(page.url()).toBe(`${env.stack.gatewayUrl}/desk/${TENANT}`);
    await expect.poll(() => desk.locator(".who").textContent(), { timeout: 15_000 }).toBe("Angemeldet: Jan Muster");
    const cookies = await page.context().cookies(env.stack.gatewayUrl);
    expect(cookies.find((c) => c.name === "__Host-tv_oidc")).toBeUndefined();
    await screenshot(page, "desk-sso-1-day-list");

    // The session is the clerk's: the desk's own API call answers as Jan, a clerk.
    const viewer = await page.evaluate(async () => {
      const response = await fetch("/graphql", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ viewer { kind ... on StaffViewer { roles user { email singleSignOn } } } }" }),
      });
      return (await response.json()).data.viewer;
    });
    expect(viewer).toEqual({ kind: "STAFF", roles: ["CLERK"], user: { email: "buergerservice.schalter@example.org", singleSignOn: true } });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("offers no single sign-on where the agency has none", async () => {
    const page = await env.stack.newPage();
    await page.goto(`${env.stack.gatewayUrl}/desk/${WITHOUT_SSO}`);
    const desk = page.locator("terminvergabe-desk");
    await desk.getByRole("heading", { name: "Anmelden" }).waitFor();
    expect(await desk.getByRole("link", { name: /^Anmelden mit / }).count()).toBe(0);
    await page.context().close();
  });
});
