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

  it("stores case C's campaign with a seed commitment but no revealed seed", async () => {
    const tenant = await t.db.prisma.tenant.findUniqueOrThrow({ where: { slug: "demo-steuerberatung" } });
    const campaigns = await t.db.prisma.campaign.findMany({ where: { tenantId: tenant.id } });
    expect(campaigns.length).toBeGreaterThan(0);
    for (const c of campaigns) {
      expect(c.seedCommitment).toMatch(/^[0-9a-f]{64}$/);
      expect(c.seedRevealed).toBeNull();
      expect(c.confirmationDays).toBe(14);
    }
    expect(await t.db.prisma.customer.count({ where: { tenantId: tenant.id } })).toBeGreaterThan(0);
  });
});
