import { randomUUID } from "node:crypto";
import { DEMO_PASSWORD, hashPassword } from "@terminvergabe/db";
import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";
import { listen, type RunningServer } from "../server.ts";

const A = "demo-buergerbuero";
const missing = randomUUID();

/**
 * Every staff operation with arguments that change nothing when allowed (an unknown booking,
 * a reversed range, no concerns): allowed callers get a typed result or domain error, every
 * other caller the same NOT_ALLOWED.
 */
const operations: { name: string; level: "clerk" | "admin"; query: string; variables: Record<string, unknown> }[] = [
  { name: "dayList", level: "clerk", query: `query ($t: String!) { dayList(tenant: $t, office: "none", date: "2030-03-04") { __typename } }`, variables: { t: A } },
  { name: "findBookings", level: "clerk", query: `query ($t: String!) { findBookings(tenant: $t, query: "Muster") { __typename } }`, variables: { t: A } },
  { name: "setAttendance", level: "clerk", query: `mutation ($t: String!, $b: ID!) { setAttendance(tenant: $t, booking: $b, attendance: NO_SHOW) { __typename } }`, variables: { t: A, b: missing } },
  {
    name: "staffBookAppointment",
    level: "clerk",
    query: `mutation ($t: String!) { staffBookAppointment(input: { tenant: $t, office: "none", items: [], start: "2030-03-04T08:00:00Z", contact: { name: "X", phone: "0301234567" } }) { __typename } }`,
    variables: { t: A },
  },
  { name: "staffCancelBooking", level: "clerk", query: `mutation ($t: String!, $b: ID!) { staffCancelBooking(tenant: $t, booking: $b, reason: "r") { __typename } }`, variables: { t: A, b: missing } },
  {
    name: "staffRescheduleBooking",
    level: "clerk",
    query: `mutation ($t: String!, $b: ID!) { staffRescheduleBooking(tenant: $t, booking: $b, start: "2030-03-04T08:00:00Z") { __typename } }`,
    variables: { t: A, b: missing },
  },
  {
    name: "previewMassCancellation",
    level: "admin",
    query: `query ($t: String!) { previewMassCancellation(input: { tenant: $t, office: "none", from: "2030-09-02", to: "2030-09-01", reason: { de: "x" } }) { __typename } }`,
    variables: { t: A },
  },
  {
    name: "startMassCancellation",
    level: "admin",
    query: `mutation ($t: String!) { startMassCancellation(input: { closure: false, cancellation: { tenant: $t, office: "none", from: "2030-09-02", to: "2030-09-01", reason: { de: "x" } } }) { __typename } }`,
    variables: { t: A },
  },
  { name: "auditLog", level: "admin", query: `query ($t: String!) { auditLog(tenant: $t, first: 1) { __typename } }`, variables: { t: A } },
  { name: "statistics", level: "admin", query: `query ($t: String!) { statistics(tenant: $t, office: "rathaus", from: "2030-03-01", to: "2030-03-31") { __typename } }`, variables: { t: A } },
  {
    name: "updateStaffUser",
    level: "admin",
    query: `mutation ($t: String!, $u: ID!) { updateStaffUser(tenant: $t, user: $u, role: CLERK) { __typename } }`,
    variables: { t: A, u: missing },
  },
  {
    name: "createClosure",
    level: "admin",
    query: `mutation ($t: String!) { createClosure(input: { tenant: $t, office: "rathaus", from: "2030-09-02", to: "2030-09-01", reason: { de: "x" } }) { __typename } }`,
    variables: { t: A },
  },
  { name: "deleteClosure", level: "admin", query: `mutation ($t: String!, $id: ID!) { deleteClosure(tenant: $t, id: $id) { __typename } }`, variables: { t: A, id: missing } },
  { name: "massCancellation", level: "admin", query: `query ($t: String!, $id: ID!) { massCancellation(tenant: $t, id: $id) { __typename } }`, variables: { t: A, id: missing } },
  // Configuration and staff users: invalid input or an unknown id, so nothing changes when allowed.
  { name: "tenantConfiguration", level: "admin", query: `query ($t: String!) { tenantConfiguration(tenant: $t) { __typename } }`, variables: { t: A } },
  { name: "staffUsers", level: "admin", query: `query ($t: String!) { staffUsers(tenant: $t) { __typename } }`, variables: { t: A } },
  {
    name: "createOffice",
    level: "admin",
    query: `mutation ($t: String!) { createOffice(tenant: $t, input: { slug: "!!", name: { de: "X" }, street: "W", postalCode: "1", city: "C" }) { __typename } }`,
    variables: { t: A },
  },
  { name: "updateOffice", level: "admin", query: `mutation ($t: String!, $id: ID!) { updateOffice(tenant: $t, id: $id, input: { city: "C" }) { __typename } }`, variables: { t: A, id: missing } },
  { name: "deleteOffice", level: "admin", query: `mutation ($t: String!, $id: ID!) { deleteOffice(tenant: $t, id: $id) { __typename } }`, variables: { t: A, id: missing } },
  { name: "createCounter", level: "admin", query: `mutation ($t: String!) { createCounter(tenant: $t, input: { office: "rathaus", name: "" }) { __typename } }`, variables: { t: A } },
  { name: "updateCounter", level: "admin", query: `mutation ($t: String!, $id: ID!) { updateCounter(tenant: $t, id: $id, input: { active: false }) { __typename } }`, variables: { t: A, id: missing } },
  { name: "deleteCounter", level: "admin", query: `mutation ($t: String!, $id: ID!) { deleteCounter(tenant: $t, id: $id) { __typename } }`, variables: { t: A, id: missing } },
  {
    name: "createConcern",
    level: "admin",
    query: `mutation ($t: String!) { createConcern(tenant: $t, input: { slug: "x", name: { de: "X" }, category: { de: "X" }, durationMinutes: 0 }) { __typename } }`,
    variables: { t: A },
  },
  { name: "updateConcern", level: "admin", query: `mutation ($t: String!, $id: ID!) { updateConcern(tenant: $t, id: $id, input: { active: false }) { __typename } }`, variables: { t: A, id: missing } },
  { name: "deleteConcern", level: "admin", query: `mutation ($t: String!, $id: ID!) { deleteConcern(tenant: $t, id: $id) { __typename } }`, variables: { t: A, id: missing } },
  {
    name: "createOpeningRule",
    level: "admin",
    query: `mutation ($t: String!) { createOpeningRule(tenant: $t, office: "rathaus", input: { kind: APPOINTMENT, rrule: "FREQ=NEVER", startTime: "09:00", endTime: "10:00", validFrom: "2030-01-01" }) { __typename } }`,
    variables: { t: A },
  },
  { name: "updateOpeningRule", level: "admin", query: `mutation ($t: String!, $id: ID!) { updateOpeningRule(tenant: $t, id: $id, input: { endTime: "11:00" }) { __typename } }`, variables: { t: A, id: missing } },
  { name: "deleteOpeningRule", level: "admin", query: `mutation ($t: String!, $id: ID!) { deleteOpeningRule(tenant: $t, id: $id) { __typename } }`, variables: { t: A, id: missing } },
  { name: "updateTenantPolicy", level: "admin", query: `mutation ($t: String!) { updateTenantPolicy(tenant: $t, input: { holdMinutes: 0 }) { __typename } }`, variables: { t: A } },
  { name: "updateAllowedOrigins", level: "admin", query: `mutation ($t: String!) { updateAllowedOrigins(tenant: $t, origins: ["no origin"]) { __typename } }`, variables: { t: A } },
  { name: "updateTheme", level: "admin", query: `mutation ($t: String!) { updateTheme(tenant: $t, theme: [{ name: "color", value: "red" }]) { __typename } }`, variables: { t: A } },
  { name: "updateLegalLinks", level: "admin", query: `mutation ($t: String!) { updateLegalLinks(tenant: $t, imprintUrl: "ftp://x") { __typename } }`, variables: { t: A } },
  { name: "inviteStaffUser", level: "admin", query: `mutation ($t: String!) { inviteStaffUser(tenant: $t, email: "no address", name: "N", role: CLERK) { __typename } }`, variables: { t: A } },
];

type Who = "anonymous" | "customer" | "clerk A" | "admin A" | "clerk B" | "deactivated admin A";
const allowed: Record<"clerk" | "admin", Who[]> = { clerk: ["clerk A", "admin A"], admin: ["admin A"] };

describe.each(testTargets())("authorization matrix of the staff API ($name)", (target) => {
  let h: Harness;
  const headers = new Map<Who, Record<string, string>>();

  beforeAll(async () => {
    h = await startHarness(target, {}, { jobs: false });
    const login = async (tenant: string, email: string) => {
      const { body } = await h.gql<{ staffLogin: { token?: string } }>(
        `mutation ($t: String!, $e: String!) { staffLogin(tenant: $t, email: $e, password: "${DEMO_PASSWORD}", deliverAs: TOKEN) { ... on StaffSession { token } } }`,
        { t: tenant, e: email },
      );
      if (!body.data?.staffLogin.token) throw new Error(`sign-in of ${email} failed: ${JSON.stringify(body)}`);
      return { authorization: `Bearer ${body.data.staffLogin.token}` };
    };
    const p = h.database.db.prisma;
    const tenantA = await p.tenant.findUniqueOrThrow({ where: { slug: A } });
    await p.staffUser.create({ data: { tenantId: tenantA.id, email: "leaver@example.org", name: "Lea Leaver", role: "ADMIN", passwordHash: await hashPassword(DEMO_PASSWORD) } });
    const customer = await p.customer.create({
      data: { tenantId: tenantA.id, email: "kunde@example.org", emailNormalized: "kunde@example.org", passwordHash: "x", name: "Kim Kunde", verifiedAt: new Date() },
    });
    const customerSession = await h.app.services.identity.sessions.start(tenantA.id, { customerId: customer.id } as never, "password");
    headers.set("anonymous", {});
    headers.set("customer", { authorization: `Bearer ${customerSession.token}` });
    headers.set("clerk A", await login(A, "buergerbuero.schalter@example.org"));
    headers.set("admin A", await login(A, "buergerbuero.admin@example.org"));
    headers.set("clerk B", await login("demo-buergerservice", "buergerservice.schalter@example.org"));
    headers.set("deactivated admin A", await login(A, "leaver@example.org"));
    // Deactivated after signing in: the session must end at once.
    await p.staffUser.update({ where: { tenantId_email: { tenantId: tenantA.id, email: "leaver@example.org" } }, data: { active: false } });
  });
  afterAll(async () => h?.close());

  it("lets only the intended roles of the agency through; everyone else gets the same translated NOT_ALLOWED", async () => {
    const outcome: string[] = [];
    for (const op of operations) {
      for (const [who, header] of headers) {
        const { body } = await h.gql<Record<string, { __typename: string } | null>>(op.query, op.variables, { ...header, "accept-language": "en" });
        const refused = body.errors?.some((e) => e.extensions?.code === "NOT_ALLOWED") ?? false;
        if (refused) expect(body.errors![0]!.message).toBe("You are not allowed to do this.");
        else expect(body.errors, `${op.name} as ${who}`).toBeUndefined();
        outcome.push(`${op.name} × ${who}: ${refused ? "refused" : `allowed (${body.data?.[op.name]?.__typename})`}`);
        expect(refused, `${op.name} as ${who}`).toBe(!allowed[op.level].includes(who));
      }
    }
    expect(outcome).toHaveLength(operations.length * 6);
    expect(await h.database.db.prisma.massCancellation.count()).toBe(0);
  });

  it("lets only the agency's staff subscribe to dayListChanged; everyone else gets the same NOT_ALLOWED", async () => {
    const server: RunningServer = await listen(h.app.services, h.yoga, 0, "127.0.0.1");
    try {
      for (const [who, header] of headers) {
        const client = createClient({
          url: `ws://127.0.0.1:${server.port}/graphql`,
          webSocketImpl: WebSocket,
          retryAttempts: 0,
          connectionParams: { ...header, locale: "en" },
        });
        // An office of agency A: allowed callers get its (empty) list, the others never see it.
        const first = await new Promise<{ data?: unknown; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }>((resolve) => {
          const stop = client.subscribe(
            { query: `subscription ($t: String!) { dayListChanged(tenant: $t, office: "rathaus", date: "2030-03-04") { date bookings { id } } }`, variables: { t: A } },
            {
              next: (result) => {
                stop();
                resolve(result as never);
              },
              error: (errors) => resolve({ errors: errors as never }),
              complete: () => {},
            },
          );
        });
        await client.dispose();
        const refused = first.errors?.some((e) => e.extensions?.code === "NOT_ALLOWED") ?? false;
        if (refused) expect(first.errors![0]!.message).toBe("You are not allowed to do this.");
        else expect(first, who).toEqual({ data: { dayListChanged: { date: "2030-03-04", bookings: [] } } });
        expect(refused, `dayListChanged as ${who}`).toBe(!allowed.clerk.includes(who));
      }
    } finally {
      await server.close();
    }
  });
});
