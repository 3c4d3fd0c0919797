import { IdentityRepository } from "@terminvergabe/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";
import { startTestProvider, type TestProvider } from "../../test/oidc-test-provider.ts";
import { SESSION_COOKIE } from "./session-cookie.ts";

/**
 * Single sign-on end to end: a real OpenID provider (oidc-provider) on a loopback port,
 * driven like a browser over HTTP — manual redirects, a cookie jar per site, its login
 * and consent forms — and the gateway's /auth/<tenant>/oidc/* routes in-process.
 */

const PUBLIC_URL = "http://localhost:4999";
const TENANT = "demo-buergerbuero";
const OTHER_TENANT = "demo-buergerservice";
const CLIENT = { id: "terminvergabe-buergerbuero", secret: "a-long-client-secret-only-for-this-test" };

/** The provider's users: claims as a Keycloak would release them. */
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  tom: { sub: "kc-tom", email: "buergerbuero.schalter@example.org", email_verified: true, name: "Tom Beispiel", groups: ["tv-clerk"] },
  new: { sub: "kc-new", email: "neu.admin@example.org", email_verified: true, name: "Nora Neu", groups: ["other", "tv-admin"] },
  guest: { sub: "kc-guest", email: "gast@example.org", email_verified: true, name: "Gast", groups: ["offline_access"] },
};

/** A browser's cookies for one site (name=value only; enough for these two servers). */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(headers: Headers) {
    for (const line of headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
  get(name: string) {
    return this.cookies.get(name);
  }
}

describe.each(testTargets())("single sign-on through OpenID Connect ($name)", (target) => {
  let h: Harness;
  let idp: TestProvider;

  /** Walks the authorization-code flow as `account`; returns the gateway's final response and the browser's gateway cookies. */
  async function signIn(account: string, tenant = TENANT) {
    const gateway = new CookieJar();
    const atIdp = new CookieJar();
    const start = await h.yoga.fetch(`http://localhost/auth/${tenant}/oidc/start`, { redirect: "manual" });
    gateway.store(start.headers);
    if (start.status !== 302) return { response: start, gateway };
    let next = new URL(start.headers.get("location")!);
    expect(next.origin).toBe(idp.issuer);
    expect(next.searchParams.get("code_challenge_method")).toBe("S256");
    expect(next.searchParams.get("nonce")).toBeTruthy();
    let form: URLSearchParams | null = null;
    for (let hops = 0; hops < 12; hops++) {
      if (next.origin === PUBLIC_URL) {
        const response = await h.yoga.fetch(`http://localhost${next.pathname}${next.search}`, { headers: { cookie: gateway.header() } });
        gateway.store(response.headers);
        return { response, gateway, callback: next };
      }
      const response = await fetch(next, {
        method: form ? "POST" : "GET",
        redirect: "manual",
        headers: { cookie: atIdp.header(), ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
        body: form ?? undefined,
      });
      atIdp.store(response.headers);
      form = null;
      if (response.status >= 300 && response.status < 400) {
        next = new URL(response.headers.get("location")!, next);
        continue;
      }
      const page = await response.text();
      expect(response.status, page).toBe(200);
      // The provider's development login and consent forms.
      if (page.includes('name="prompt" value="login"')) form = new URLSearchParams({ prompt: "login", login: account, password: "any" });
      else if (page.includes('name="prompt" value="consent"')) form = new URLSearchParams({ prompt: "consent" });
      else throw new Error(`unexpected page at ${next}: ${page.slice(0, 300)}`);
      next = new URL(/action="([^"]+)"/.exec(page)![1]!, next);
    }
    throw new Error("too many redirects");
  }

  const viewerWith = async (gateway: CookieJar) => {
    const { body } = await h.gql<{ viewer: { kind: string; roles?: string[]; tenant?: { slug: string }; user?: { email: string; name: string; role: string; singleSignOn: boolean } } }>(
      `{ viewer { kind ... on StaffViewer { roles tenant { slug } user { email name role singleSignOn } } } }`,
      {},
      { cookie: gateway.header() },
    );
    return body.data?.viewer;
  };

  beforeAll(async () => {
    idp = await startTestProvider({ client: CLIENT, redirectUris: [`${PUBLIC_URL}/auth/${TENANT}/oidc/callback`], accounts: ACCOUNTS });
    h = await startHarness(target, { publicUrl: PUBLIC_URL }, { jobs: false });
    const tenant = await h.app.services.tenants.bySlug(TENANT);
    await new IdentityRepository(h.app.services.db).saveSsoConfig({
      tenantId: tenant!.id,
      issuer: idp.issuer,
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      scopes: "email profile groups",
      roleClaim: "groups",
      roleMapping: { "tv-admin": "ADMIN", "tv-clerk": "CLERK" },
      provisionUsers: true,
      enabled: true,
    });
  });
  afterAll(async () => {
    await h?.close();
    await idp?.close();
  });

  it("signs a seeded clerk in through the provider: matched by e-mail, linked to the subject, role from the claim mapping", async () => {
    const { response, gateway } = await signIn("tom");
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/url=\/desk\/demo-buergerbuero/);
    expect(response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))).toMatch(/HttpOnly; Secure; SameSite=Strict$/);
    expect(gateway.get("__Host-tv_oidc")).toBeUndefined();
    expect(await viewerWith(gateway)).toEqual({
      kind: "STAFF",
      roles: ["CLERK"],
      tenant: { slug: TENANT },
      user: { email: "buergerbuero.schalter@example.org", name: "Tom Beispiel", role: "CLERK", singleSignOn: true },
    });
    // Nothing of another agency.
    const other = await h.gql(`query ($slug: String!) { tenant(slug: $slug) { staff { email } } }`, { slug: OTHER_TENANT }, { cookie: gateway.header() });
    expect(other.body).toEqual({ data: { tenant: { staff: [] } } });
  });

  it("creates an unknown staff member on first sign-in with the highest role that maps", async () => {
    const { response, gateway } = await signIn("new");
    expect(response.status).toBe(200);
    expect(await viewerWith(gateway)).toMatchObject({ kind: "STAFF", roles: ["ADMIN", "CLERK"], user: { email: "neu.admin@example.org", name: "Nora Neu", singleSignOn: true } });
    const row = await h.app.services.db.prisma.staffUser.findFirstOrThrow({ where: { email: "neu.admin@example.org" } });
    expect(row).toMatchObject({ role: "ADMIN", oidcSubject: "kc-new", passwordHash: null });
    const audit = await h.app.services.db.prisma.auditLog.findMany({ where: { actor: `staff:${row.id}` }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.data])).toEqual([
      ["staff.created_by_sso", { role: "ADMIN" }],
      ["session.signed_in", { method: "oidc" }],
    ]);
    // The same person again: found by subject, no second row.
    await signIn("new");
    expect(await h.app.services.db.prisma.staffUser.count({ where: { email: "neu.admin@example.org" } })).toBe(1);
  });

  it("refuses a user whose claims map to no role, and creates nothing", async () => {
    const { response, gateway } = await signIn("guest");
    expect(response.status).toBe(403);
    const page = await response.text();
    expect(page).toContain("keine Rolle");
    expect(page).toContain("no role");
    expect(gateway.get(SESSION_COOKIE)).toBeUndefined();
    expect(await h.app.services.db.prisma.staffUser.count({ where: { email: "gast@example.org" } })).toBe(0);
  });

  it("redeems a callback once and only in the browser that started the flow", async () => {
    const { callback, gateway } = await signIn("tom");
    const replay = await h.yoga.fetch(`http://localhost${callback!.pathname}${callback!.search}`, { headers: { cookie: gateway.header() } });
    expect(replay.status).toBe(403);

    // A callback carried to another browser (login CSRF) lacks that browser's flow cookie.
    const start = await h.yoga.fetch(`http://localhost/auth/${TENANT}/oidc/start`, { redirect: "manual" });
    const state = new URL(start.headers.get("location")!).searchParams.get("state")!;
    const foreign = await h.yoga.fetch(`http://localhost/auth/${TENANT}/oidc/callback?code=stolen&state=${state}`);
    expect(foreign.status).toBe(403);
    expect(foreign.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
  });

  it("answers 404 for an agency without single sign-on or an unknown agency", async () => {
    expect((await h.yoga.fetch(`http://localhost/auth/${OTHER_TENANT}/oidc/start`, { redirect: "manual" })).status).toBe(404);
    expect((await h.yoga.fetch(`http://localhost/auth/no-such-agency/oidc/start`, { redirect: "manual" })).status).toBe(404);
  });
});
