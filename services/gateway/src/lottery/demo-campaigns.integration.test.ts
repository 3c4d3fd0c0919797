import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_PASSWORD } from "@terminvergabe/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";
import { DEMO_CAMPAIGNS, seedDemoCampaigns } from "./demo-campaigns.ts";

const verifier = fileURLToPath(new URL("../../../../tools/verify-draw/verify_draw.py", import.meta.url));
const TENANT = "demo-steuerberatung";

/** Case C's demo on first start: a campaign in each state, the tax advice lottery-only. */
describe.each(testTargets())("the demo's lottery campaigns ($name)", (target) => {
  let h: Harness;
  const dir = mkdtempSync(join(tmpdir(), "tv-demo-campaigns-"));
  const sql = () => h.database.db.sql;
  const stateOf = async (email: string, campaign: string) =>
    (
      await sql().query<{ state: string }>(
        `SELECT a.state::text AS state FROM "Application" a JOIN "Customer" c ON c.id = a."customerId" JOIN "Campaign" k ON k.id = a."campaignId"
          WHERE c.email = $1 AND k.slug = $2`,
        [email, campaign],
      )
    )[0]?.state;

  beforeAll(async () => {
    // With the demo host (a demo port), as `npm start` runs; the harness starts no demo host itself.
    h = await startHarness(target, { seedDemo: true, demoPort: 1 }, { jobs: false });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("has one campaign open, one drawn with offers pending and one finished, each with a pool", async () => {
    const result = await h.gql<{ tenant: { campaigns: { slug: string; status: string; slotCount: number; record: { url: string } | null }[] } }>(
      `{ tenant(slug: "${TENANT}") { campaigns { slug status slotCount record { url } } } }`,
    );
    const campaigns = Object.fromEntries(result.body.data!.tenant.campaigns.map((c) => [c.slug, c]));
    expect(campaigns[DEMO_CAMPAIGNS.open]).toMatchObject({ status: "OPEN", record: null });
    expect(campaigns[DEMO_CAMPAIGNS.drawn]).toMatchObject({ status: "DRAWN" });
    expect(campaigns[DEMO_CAMPAIGNS.finished]).toMatchObject({ status: "FINISHED" });
    for (const c of Object.values(campaigns)) expect(c.slotCount).toBeGreaterThan(0);
  });

  it("lets the demo customers try every step: Max applied, Erika holds an offer, Lena waits, Deniz had an appointment", async () => {
    expect(await stateOf("max.mustermann@example.org", DEMO_CAMPAIGNS.open)).toBe("APPLIED");
    expect(await stateOf("erika.beispiel@example.org", DEMO_CAMPAIGNS.drawn)).toBe("OFFERED");
    expect(await stateOf("lena.musterfrau@example.org", DEMO_CAMPAIGNS.drawn)).toBe("WAITLISTED");
    expect(await stateOf("deniz.probe@example.org", DEMO_CAMPAIGNS.finished)).toBe("CONFIRMED");
    const login = await h.gql<{ customerLogin: { token: string } }>(
      `mutation { customerLogin(tenant: "${TENANT}", email: "erika.beispiel@example.org", password: "${DEMO_PASSWORD}", deliverAs: TOKEN) { ... on CustomerSession { token } } }`,
    );
    const token = login.body.data!.customerLogin.token;
    const mine = await h.gql<{ campaign: { myApplication: { state: string; offerDeadline: string } } }>(
      `{ campaign(tenant: "${TENANT}", slug: "${DEMO_CAMPAIGNS.drawn}") { myApplication { state offerDeadline } } }`,
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(mine.body.data?.campaign.myApplication.state).toBe("OFFERED");
    expect(new Date(mine.body.data!.campaign.myApplication.offerDeadline).getTime()).toBeGreaterThan(Date.now());
    const notices = await h.gql<{ viewer: { notifications: { kind: string }[] } }>(`{ viewer { ... on CustomerViewer { notifications { kind } } } }`, {}, { authorization: `Bearer ${token}` });
    expect(notices.body.data?.viewer.notifications.map((n) => n.kind)).toContain("offer");
    const read = await h.gql<{ markNotificationsRead: { changed: number } }>(
      `mutation { markNotificationsRead(tenant: "${TENANT}") { ... on NotificationsRead { changed } } }`,
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(read.body.data?.markNotificationsRead.changed).toBeGreaterThan(0);
    const again = await h.gql<{ markNotificationsRead: { changed: number } }>(
      `mutation { markNotificationsRead(tenant: "${TENANT}") { ... on NotificationsRead { changed } } }`,
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(again.body.data?.markNotificationsRead.changed).toBe(0);
  });

  it("publishes records of the drawn and the finished campaign that the independent verifier confirms", async () => {
    for (const slug of [DEMO_CAMPAIGNS.drawn, DEMO_CAMPAIGNS.finished]) {
      const response = await h.yoga.fetch(`http://localhost/draws/${TENANT}/${slug}.json`);
      expect(response.status).toBe(200);
      const file = join(dir, `${slug}.json`);
      writeFileSync(file, await response.text());
      const run = spawnSync("python3", [verifier, file], { encoding: "utf8" });
      expect(run.stdout + run.stderr).toContain("draw record verified");
      expect(run.status).toBe(0);
    }
  });

  it("no longer sells the tax advice first-come online", async () => {
    const services = await h.gql<{ tenant: { services: { id: string; slug: string; onlineBookable: boolean }[] } }>(`{ tenant(slug: "${TENANT}") { services { id slug onlineBookable } } }`);
    const tax = services.body.data!.tenant.services.find((s) => s.slug === "steuerberatung")!;
    expect(tax.onlineBookable).toBe(false);
    const calendar = await h.gql<{ availability: { __typename: string; code: string } }>(
      `query ($items: [RequestItemInput!]!) { availability(tenant: "${TENANT}", office: "beratungszentrum", items: $items, from: "2027-01-04", to: "2027-01-08") { __typename ... on InputError { code } } }`,
      { items: [{ serviceId: tax.id }] },
    );
    expect(calendar.body.data?.availability).toEqual({ __typename: "InputError", code: "NOT_BOOKABLE_ONLINE" });
  });

  it("creates the campaigns once: a second start changes nothing", async () => {
    const again = await seedDemoCampaigns({
      db: h.database.db,
      logger: h.app.services.logger,
      clock: () => new Date(),
      publicUrl: h.config.publicUrl,
      catalog: h.app.services.tenants,
      scheduling: h.app.services.scheduling,
      kickOutbox: () => {},
    });
    expect(again).toEqual([]);
    const [{ n }] = (await sql().query<{ n: number }>(`SELECT count(*)::int AS n FROM "Campaign" k JOIN "Tenant" t ON t.id = k."tenantId" WHERE t.slug = $1`, [TENANT])) as [{ n: number }];
    expect(n).toBe(3);
  });
});
