import { DEMO_PASSWORD, hashPassword } from "@terminvergabe/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";
import { SESSION_COOKIE } from "./session-cookie.ts";

let now = new Date("2030-03-01T08:00:00Z");
const minutes = (n: number) => n * 60_000;

const LOGIN = /* GraphQL */ `
  mutation ($tenant: String!, $email: String!, $password: String!, $deliverAs: SessionDelivery) {
    staffLogin(tenant: $tenant, email: $email, password: $password, deliverAs: $deliverAs) {
      __typename
      ... on StaffSession { token expiresAt viewer { roles tenant { slug } user { email role } } }
      ... on LoginThrottled { retryAfterSeconds }
      ... on Error { code message }
    }
  }
`;
const VIEWER = /* GraphQL */ `
  query {
    viewer {
      kind
      ... on StaffViewer { roles tenant { slug } user { name email role } }
    }
  }
`;
const LOGOUT = /* GraphQL */ `mutation { logout }`;

type LoginData = {
  staffLogin: {
    __typename: string;
    token?: string | null;
    expiresAt?: string;
    viewer?: { roles: string[]; tenant: { slug: string }; user: { email: string; role: string } };
    retryAfterSeconds?: number;
    code?: string;
    message?: string;
  };
};
type ViewerData = { viewer: { kind: string; roles?: string[]; tenant?: { slug: string }; user?: { name: string; email: string; role: string } } };

const CLERK_A = { tenant: "demo-buergerbuero", email: "buergerbuero.schalter@example.org" };
const ADMIN_A = { tenant: "demo-buergerbuero", email: "buergerbuero.admin@example.org" };
const CLERK_B = { tenant: "demo-buergerservice", email: "buergerservice.schalter@example.org" };

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const sessionCookieOf = (headers: Headers) => headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));

describe.each(testTargets())("staff sign-in ($name)", (target) => {
  let h: Harness;
  const login = (who: { tenant: string; email: string }, password = DEMO_PASSWORD, deliverAs = "TOKEN", headers: Record<string, string> = {}) =>
    h.gql<LoginData>(LOGIN, { ...who, password, deliverAs }, headers);
  const tokenOf = async (who: { tenant: string; email: string }) => {
    const { body } = await login(who);
    const token = body.data?.staffLogin.token;
    if (!token) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
    return token;
  };

  beforeAll(async () => {
    h = await startHarness(target, {}, { clock: () => now, jobs: false });
  });
  afterAll(async () => h?.close());

  it("signs a seeded clerk in with the documented demo password; viewer shows their agency and role and nothing of another agency", async () => {
    const { body } = await login(CLERK_A);
    expect(body.errors).toBeUndefined();
    const result = body.data!.staffLogin;
    expect(result.__typename).toBe("StaffSession");
    expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.viewer).toEqual({ roles: ["CLERK"], tenant: { slug: CLERK_A.tenant }, user: { email: CLERK_A.email, role: "CLERK" } });

    const viewer = await h.gql<ViewerData>(VIEWER, {}, bearer(result.token!));
    expect(viewer.body).toEqual({
      data: { viewer: { kind: "STAFF", roles: ["CLERK"], tenant: { slug: CLERK_A.tenant }, user: { name: "Tom Beispiel", email: CLERK_A.email, role: "CLERK" } } },
    });

    // Staff lists: the own agency's, and for another agency the same answer as for one without staff.
    const STAFF = `query ($slug: String!) { tenant(slug: $slug) { staff { email role } } }`;
    const own = await h.gql<{ tenant: { staff: { email: string }[] } }>(STAFF, { slug: CLERK_A.tenant }, bearer(result.token!));
    expect(own.body.data?.tenant.staff.map((s) => s.email).sort()).toEqual([ADMIN_A.email, CLERK_A.email]);
    const other = await h.gql(STAFF, { slug: CLERK_B.tenant }, bearer(result.token!));
    expect(other.body).toEqual({ data: { tenant: { staff: [] } } });
    const anonymous = await h.gql(STAFF, { slug: CLERK_A.tenant });
    expect(anonymous.body).toEqual({ data: { tenant: { staff: [] } } });
  });

  it("gives an admin both roles", async () => {
    const viewer = await h.gql<ViewerData>(VIEWER, {}, bearer(await tokenOf(ADMIN_A)));
    expect(viewer.body.data?.viewer).toMatchObject({ kind: "STAFF", roles: ["ADMIN", "CLERK"], tenant: { slug: ADMIN_A.tenant } });
  });

  it("answers a wrong password, an unknown address, another agency's user and an unknown agency alike", async () => {
    const answers = await Promise.all([
      login(CLERK_A, "falsches-passwort"),
      login({ tenant: CLERK_A.tenant, email: "niemand@example.org" }),
      login({ tenant: CLERK_A.tenant, email: CLERK_B.email }),
      login({ tenant: "no-such-agency", email: CLERK_A.email }),
    ]);
    for (const { status, body } of answers) {
      expect(status).toBe(200);
      expect(body).toEqual({
        data: { staffLogin: { __typename: "InvalidCredentials", code: "INVALID_CREDENTIALS", message: "E-Mail-Adresse oder Passwort ist nicht korrekt." } },
      });
    }
  });

  it("accepts the e-mail address in any case", async () => {
    const { body } = await login({ tenant: CLERK_A.tenant, email: "  BuergerBuero.Schalter@Example.ORG " });
    expect(body.data?.staffLogin.__typename).toBe("StaffSession");
  });

  it("reads no session from an unknown, malformed or missing token", async () => {
    for (const headers of [bearer("x".repeat(43)), bearer("short"), { authorization: "Basic abc" }, {}]) {
      const { body } = await h.gql<ViewerData>(VIEWER, {}, headers);
      expect(body).toEqual({ data: { viewer: { kind: "ANONYMOUS" } } });
    }
  });

  it("ends a session after 30 idle minutes, and any session after 12 hours", async () => {
    const start = now;
    try {
      const idle = await tokenOf(CLERK_A);
      now = new Date(start.getTime() + minutes(29));
      expect((await h.gql<ViewerData>(VIEWER, {}, bearer(idle))).body.data?.viewer.kind).toBe("STAFF");
      now = new Date(now.getTime() + minutes(29)); // 29 minutes after the last use: still alive
      expect((await h.gql<ViewerData>(VIEWER, {}, bearer(idle))).body.data?.viewer.kind).toBe("STAFF");
      now = new Date(now.getTime() + minutes(31));
      expect((await h.gql<ViewerData>(VIEWER, {}, bearer(idle))).body.data?.viewer.kind).toBe("ANONYMOUS");

      now = start;
      const busy = await tokenOf(CLERK_A);
      for (let t = 20; t < 12 * 60; t += 20) {
        now = new Date(start.getTime() + minutes(t));
        expect((await h.gql<ViewerData>(VIEWER, {}, bearer(busy))).body.data?.viewer.kind, `after ${t} min`).toBe("STAFF");
      }
      now = new Date(start.getTime() + minutes(12 * 60));
      expect((await h.gql<ViewerData>(VIEWER, {}, bearer(busy))).body.data?.viewer.kind).toBe("ANONYMOUS");
    } finally {
      now = start;
    }
  });

  it("stores only the SHA-256 of the token, and logout ends the session", async () => {
    const token = await tokenOf(CLERK_A);
    const rows = await h.app.services.db.prisma.session.findMany({ select: { tokenHash: true } });
    expect(rows.some((row) => row.tokenHash.includes(token))).toBe(false);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.tokenHash))).toBe(true);

    expect((await h.gql(LOGOUT, {}, bearer(token))).body).toEqual({ data: { logout: true } });
    expect((await h.gql<ViewerData>(VIEWER, {}, bearer(token))).body.data?.viewer.kind).toBe("ANONYMOUS");
    expect((await h.gql(LOGOUT, {}, bearer(token))).body).toEqual({ data: { logout: false } });

    // Sign-in and sign-out are in the agency's audit log, under the staff member.
    const user = await h.app.services.db.prisma.staffUser.findFirstOrThrow({ where: { email: CLERK_A.email } });
    const audit = await h.app.services.db.prisma.auditLog.findMany({ where: { actor: `staff:${user.id}` }, orderBy: { id: "desc" }, take: 2 });
    expect(audit.map((a) => [a.action, a.entityType, a.tenantId])).toEqual([
      ["session.signed_out", "StaffUser", user.tenantId],
      ["session.signed_in", "StaffUser", user.tenantId],
    ]);
    expect(audit[1]?.data).toEqual({ method: "password" });
  });

  it("gives browsers on the gateway's origin an HttpOnly, Secure, SameSite=Strict cookie and honours it only on non-simple requests", async () => {
    const { headers, body } = await login(CLERK_A, DEMO_PASSWORD, "COOKIE");
    expect(body.data?.staffLogin.__typename).toBe("StaffSession");
    expect(body.data?.staffLogin.token).toBeNull();
    const setCookie = sessionCookieOf(headers)!;
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}; Path=/; Expires=[^;]+; HttpOnly; Secure; SameSite=Strict$`));
    const cookie = { cookie: setCookie.split(";")[0]! };

    expect((await h.gql<ViewerData>(VIEWER, {}, cookie)).body.data?.viewer.kind).toBe("STAFF");
    expect((await h.gql<ViewerData>(VIEWER, {}, { ...cookie, origin: h.config.publicUrl })).body.data?.viewer.kind).toBe("STAFF");
    // A page of another origin (even one an agency allows) cannot use the cookie ...
    const foreign = await h.gql<ViewerData>(VIEWER, {}, { ...cookie, origin: "http://localhost:4001" });
    expect(foreign.body.data?.viewer.kind).toBe("ANONYMOUS");
    expect(sessionCookieOf(foreign.headers)).toBeUndefined();
    // ... and neither can a form post (a "simple" request that needs no CORS preflight).
    const form = await h.yoga.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { ...cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ query: LOGOUT }).toString(),
    });
    expect(await form.json()).not.toEqual({ data: { logout: true } });
    expect((await h.gql<ViewerData>(VIEWER, {}, cookie)).body.data?.viewer.kind).toBe("STAFF");

    const logout = await h.gql(LOGOUT, {}, cookie);
    expect(logout.body).toEqual({ data: { logout: true } });
    expect(sessionCookieOf(logout.headers)).toMatch(/^__Host-tv_session=; Path=\/; Max-Age=0;/);
    // A dead cookie is removed from the browser on its next request.
    const dead = await h.gql<ViewerData>(VIEWER, {}, cookie);
    expect(dead.body.data?.viewer.kind).toBe("ANONYMOUS");
    expect(sessionCookieOf(dead.headers)).toMatch(/Max-Age=0/);
  });

  it("sets no cookie for another origin: such clients ask for a token", async () => {
    const { headers, body } = await login(CLERK_A, DEMO_PASSWORD, "COOKIE", { origin: "http://localhost:4001" });
    expect(body.data?.staffLogin).toMatchObject({ __typename: "InputError", code: "SESSION_COOKIE_NOT_ALLOWED" });
    expect(sessionCookieOf(headers)).toBeUndefined();
    const token = await login(CLERK_A, DEMO_PASSWORD, "TOKEN", { origin: "http://localhost:4001" });
    expect(token.body.data?.staffLogin.token).toBeTruthy();
  });

  it("throttles guessing per account, also for the right password, without touching other accounts", async () => {
    const victim = { tenant: CLERK_B.tenant, email: "buergerservice.admin@example.org" };
    const headers = { "accept-language": "en" };
    for (let i = 0; i < 5; i++) {
      expect((await login(victim, `guess-${i}`, "TOKEN", headers)).body.data?.staffLogin.code).toBe("INVALID_CREDENTIALS");
    }
    const blocked = (await login(victim, DEMO_PASSWORD, "TOKEN", headers)).body.data!.staffLogin;
    expect(blocked).toMatchObject({ __typename: "LoginThrottled", code: "LOGIN_THROTTLED", message: "Too many sign-in attempts. Please try again in 15 minutes." });
    expect(blocked.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect((await login(CLERK_B)).body.data?.staffLogin.__typename).toBe("StaffSession");
    // Unknown accounts are counted the same way, so the answer reveals nothing.
    const ghost = { tenant: CLERK_B.tenant, email: "ghost@example.org" };
    for (let i = 0; i < 5; i++) await login(ghost, `guess-${i}`);
    expect((await login(ghost)).body.data?.staffLogin.__typename).toBe("LoginThrottled");

    const start = now;
    now = new Date(start.getTime() + minutes(16));
    try {
      expect((await login(victim)).body.data?.staffLogin.__typename).toBe("StaffSession");
    } finally {
      now = start;
    }
  });

  it("upgrades a hash of the old format after a successful sign-in", async () => {
    const prisma = h.app.services.db.prisma;
    const { scryptSync, randomBytes } = await import("node:crypto");
    const salt = randomBytes(16);
    const legacy = `scrypt$${salt.toString("hex")}$${scryptSync(DEMO_PASSWORD, salt, 32).toString("hex")}`;
    const user = await prisma.staffUser.findFirstOrThrow({ where: { email: ADMIN_A.email } });
    await prisma.staffUser.update({ where: { id: user.id }, data: { passwordHash: legacy } });
    expect((await login(ADMIN_A)).body.data?.staffLogin.__typename).toBe("StaffSession");
    const after = await prisma.staffUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordHash).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$/);
    expect((await login(ADMIN_A)).body.data?.staffLogin.__typename).toBe("StaffSession");
  });

  it("refuses inactive and password-less (single sign-on only) accounts with the same answer", async () => {
    const prisma = h.app.services.db.prisma;
    const tenant = await prisma.tenant.findUniqueOrThrow({ where: { slug: CLERK_A.tenant } });
    await prisma.staffUser.createMany({
      data: [
        { tenantId: tenant.id, email: "inaktiv@example.org", name: "Inaktiv", role: "CLERK", active: false, passwordHash: await hashPassword(DEMO_PASSWORD) },
        { tenantId: tenant.id, email: "sso@example.org", name: "Nur SSO", role: "CLERK", passwordHash: null },
      ],
    });
    for (const email of ["inaktiv@example.org", "sso@example.org"]) {
      expect((await login({ tenant: CLERK_A.tenant, email })).body.data?.staffLogin.code).toBe("INVALID_CREDENTIALS");
    }
  });
});
