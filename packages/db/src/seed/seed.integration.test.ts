import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testTargets } from "../testing/index.ts";
import { demoTenants } from "./demo-tenants.ts";
import { seedDemoTenants } from "./seed.ts";

describe.each(testTargets())("demo seed ($name)", (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await target.create();
  });
  afterAll(async () => t?.dispose());

  it("creates the three demo tenants once, and nothing on a second or concurrent run", async () => {
    expect(await seedDemoTenants(t.db, demoTenants)).toEqual(["demo-buergerbuero", "demo-buergerservice", "demo-steuerberatung"]);
    const again = await Promise.all([seedDemoTenants(t.db, demoTenants), seedDemoTenants(t.db, demoTenants)]);
    expect(again).toEqual([[], []]);
    expect(await t.db.prisma.tenant.count()).toBe(3);
  });

  it("stores case B's schedule with every 2nd and 4th Saturday as ONE rule and walk-in windows", async () => {
    const tenant = await t.db.prisma.tenant.findUniqueOrThrow({ where: { slug: "demo-buergerservice" } });
    const rules = await t.db.prisma.scheduleRule.findMany({ where: { tenantId: tenant.id } });
    const saturday = rules.filter((r) => r.rrule?.includes("SA"));
    expect(saturday).toHaveLength(1);
    expect(saturday[0]).toMatchObject({ kind: "APPOINTMENT", rrule: "FREQ=MONTHLY;BYDAY=2SA,4SA", startTime: "08:00", endTime: "12:00" });
    expect(rules.filter((r) => r.kind === "WALK_IN").length).toBeGreaterThan(0);
    expect(rules.every((r) => r.validFrom.toISOString().startsWith("2021-09-01"))).toBe(true);
  });

  it("makes case C's tax advice lottery-only: not bookable online, demo customers ready, campaigns left to the gateway", async () => {
    const tenant = await t.db.prisma.tenant.findUniqueOrThrow({ where: { slug: "demo-steuerberatung" } });
    const service = await t.db.prisma.service.findFirstOrThrow({ where: { tenantId: tenant.id, slug: "steuerberatung" } });
    expect(service.onlineBookable).toBe(false);
    // The gateway creates one campaign per state on first start, relative to that day.
    expect(await t.db.prisma.campaign.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect(await t.db.prisma.customer.count({ where: { tenantId: tenant.id } })).toBeGreaterThan(0);
  });
});
