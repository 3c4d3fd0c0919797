import { DEMO_PASSWORD, hashPassword } from "@terminvergabe/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTinyOffice, type TinyOffice } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";
import { type App, createApp } from "../app.ts";
import { createGatewayYoga, type GatewayYoga } from "../yoga.ts";

const redisUrl = process.env.TEST_REDIS_URL;
const now = new Date("2030-03-01T08:00:00Z");
const DAY = "2030-03-04";
const TUESDAY = "2030-03-05";
const WIDGET = { "content-type": "application/json", origin: "http://localhost:4001" };

/**
 * Two gateway instances on one database and one Redis, each caching agencies and offices
 * for a minute: an admin's change on instance A must reach citizens on instance B at once.
 */
describe.each(redisUrl ? testTargets() : [])("a configuration change on one instance reaches citizens on another ($name)", (target) => {
  let a: Harness;
  let b: App;
  let yogaB: GatewayYoga;
  let o: TinyOffice;
  let admin: Record<string, string>;

  const onB = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const response = await yogaB.fetch("http://localhost/graphql", { method: "POST", headers: WIDGET, body: JSON.stringify({ query, variables }) });
    return ((await response.json()) as { data: T }).data;
  };
  const seenOnB = () =>
    onB<{ tenant: { phoneRequired: boolean }; availability: { days: { status: string }[] } }>(
      `query ($t: String!, $items: [RequestItemInput!]!, $d: Date!) {
        tenant(slug: $t) { phoneRequired }
        availability(tenant: $t, office: "amt", items: $items, from: $d, to: $d) { ... on AvailabilityCalendar { days { status } } }
      }`,
      { t: o.tenantSlug, items: [{ serviceId: o.serviceId, quantity: 1 }], d: TUESDAY },
    );

  beforeAll(async () => {
    a = await startHarness(target, { redisUrl }, { clock: () => now, jobs: false, catalogTtlMs: 60_000 });
    b = await createApp(a.config, { db: a.database.db, clock: () => now, jobs: false, catalogTtlMs: 60_000 });
    yogaB = createGatewayYoga(b.services);
    o = await createTinyOffice(a.database.db, { slug: `inst-${target.name}`, date: DAY, until: "11:00" });
    await a.database.db.prisma.staffUser.create({ data: { tenantId: o.tenantId, email: "admin@inst.example", name: "Ada", role: "ADMIN", passwordHash: await hashPassword(DEMO_PASSWORD) } });
    const { body } = await a.gql<{ staffLogin: { token: string } }>(
      `mutation ($t: String!) { staffLogin(tenant: $t, email: "admin@inst.example", password: "${DEMO_PASSWORD}", deliverAs: TOKEN) { ... on StaffSession { token } } }`,
      { t: o.tenantSlug },
    );
    admin = { authorization: `Bearer ${body.data!.staffLogin.token}` };
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it("drops instance B's cached agency and office definitions: the new policy and opening rule show there within seconds, not after the cache's minute", async () => {
    expect(await seenOnB()).toEqual({ tenant: { phoneRequired: false }, availability: { days: [{ status: "CLOSED" }] } });
    const policy = await a.gql<{ updateTenantPolicy: { __typename: string } }>(
      `mutation ($t: String!) { updateTenantPolicy(tenant: $t, input: { phoneRequired: true }) { __typename } }`,
      { t: o.tenantSlug },
      admin,
    );
    expect(policy.body.data!.updateTenantPolicy.__typename).toBe("TenantSettings");
    const rule = await a.gql<{ createOpeningRule: { __typename: string } }>(
      `mutation ($t: String!) { createOpeningRule(tenant: $t, office: "amt", input: { kind: APPOINTMENT, rrule: "FREQ=WEEKLY;BYDAY=TU", startTime: "09:00", endTime: "10:00", validFrom: "${DAY}" }) { __typename } }`,
      { t: o.tenantSlug },
      admin,
    );
    expect(rule.body.data!.createOpeningRule.__typename).toBe("OpeningRule");
    const deadline = Date.now() + 15_000;
    let seen = await seenOnB();
    while ((!seen.tenant.phoneRequired || seen.availability.days[0]!.status !== "AVAILABLE") && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      seen = await seenOnB();
    }
    expect(seen).toEqual({ tenant: { phoneRequired: true }, availability: { days: [{ status: "AVAILABLE" }] } });
  });
});
