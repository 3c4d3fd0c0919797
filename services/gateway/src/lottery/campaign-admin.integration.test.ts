import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_PASSWORD, hashPassword } from "@terminvergabe/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTinyOffice, type TinyOffice } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

/**
 * The admins' campaign API: a draft is edited (pool generated anew), only admins of the
 * agency reach it, and an announced beacon is entered once — after the window closed,
 * before the draw, which waits for it — and ends up in the verified record.
 */
const verifier = fileURLToPath(new URL("../../../../tools/verify-draw/verify_draw.py", import.meta.url));
const TENANT = "bake";
const SLUG = "mit-bake";
const BEACON = "Lotto 6aus49 vom 5. Juli 2030: 3 11 19 27 38 45";
let now = new Date("2030-06-01T08:00:00Z");

const INPUT = {
  tenant: TENANT,
  office: "amt",
  service: "pass",
  name: { de: "Runde mit Bake" },
  applicationOpensAt: "2030-06-10T00:00:00+02:00",
  applicationClosesAt: "2030-07-05T23:59:59+02:00",
  drawAt: "2030-07-06T10:00:00+02:00",
  notifyBy: "2030-07-19T23:59:59+02:00",
  periodFrom: "2030-09-02",
  periodTo: "2030-09-02",
};

describe.each(testTargets())("admins' campaigns with a beacon ($name)", (target) => {
  let h: Harness;
  let o: TinyOffice;
  const tokens: Record<"admin" | "clerk", string> = { admin: "", clerk: "" };
  const as = (who: "admin" | "clerk") => ({ authorization: `Bearer ${tokens[who]}` });
  /** Fresh sessions at the test clock's time (sessions idle out after 30 minutes, and the clock jumps days). */
  async function signIn(): Promise<void> {
    for (const who of ["admin", "clerk"] as const) {
      const login = await h.gql<{ staffLogin: { token: string } }>(
        `mutation { staffLogin(tenant: "${TENANT}", email: "${who}@bake.example", password: "${DEMO_PASSWORD}", deliverAs: TOKEN) { ... on StaffSession { token } } }`,
      );
      tokens[who] = login.body.data!.staffLogin.token;
    }
  }
  const BEACON_MUTATION = `mutation ($b: String!) { enterCampaignBeacon(tenant: "${TENANT}", campaign: "${SLUG}", beacon: $b) { __typename ... on Campaign { beacon } ... on Error { code } } }`;

  beforeAll(async () => {
    now = new Date("2030-06-01T08:00:00Z");
    h = await startHarness(target, { seedDemo: false }, { clock: () => now, jobs: false });
    o = await createTinyOffice(h.database.db, { slug: TENANT, date: "2030-09-02", until: "11:00", counters: 2 });
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const [who, role] of [["admin", "ADMIN"], ["clerk", "CLERK"]] as const) {
      await h.database.db.prisma.staffUser.create({ data: { tenantId: o.tenantId, email: `${who}@bake.example`, name: who, role, passwordHash } });
    }
    await signIn();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("lets only admins create and edit a draft; every edit generates the pool anew", async () => {
    const create = `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { __typename ... on Campaign { status slotCount beaconAnnouncement } ... on Error { code } } }`;
    const byClerk = await h.gql(create, { input: { ...INPUT, slug: SLUG } }, as("clerk"));
    expect(byClerk.body.errors?.[0]?.message).toBeTruthy();
    const badSlug = await h.gql<{ createCampaign: { code: string } }>(create, { input: { ...INPUT, slug: "Mit Bake!" } }, as("admin"));
    expect(badSlug.body.data?.createCampaign.code).toBe("CAMPAIGN_SLUG_INVALID");
    const empty = await h.gql<{ createCampaign: { code: string } }>(create, { input: { ...INPUT, slug: SLUG, periodFrom: "2030-09-03", periodTo: "2030-09-03" } }, as("admin"));
    expect(empty.body.data?.createCampaign.code).toBe("CAMPAIGN_POOL_EMPTY");
    const created = await h.gql<{ createCampaign: { status: string; slotCount: number } }>(create, { input: { ...INPUT, slug: SLUG } }, as("admin"));
    // 2 counters × 09:00–11:00 in half hours.
    expect(created.body.data?.createCampaign).toMatchObject({ status: "DRAFT", slotCount: 8 });
    const again = await h.gql<{ createCampaign: { code: string } }>(create, { input: { ...INPUT, slug: SLUG } }, as("admin"));
    expect(again.body.data?.createCampaign.code).toBe("CAMPAIGN_SLUG_TAKEN");
    const update = `mutation ($input: UpdateCampaignInput!) { updateCampaign(input: $input) { __typename ... on Campaign { slotCount beaconAnnouncement confirmationDays } ... on Error { code } } }`;
    const updated = await h.gql<{ updateCampaign: { slotCount: number; beaconAnnouncement: string; confirmationDays: number } }>(
      update,
      { input: { ...INPUT, campaign: SLUG, confirmationDays: 10, beaconAnnouncement: "Die Lottozahlen vom 5. Juli 2030 (6 aus 49, aufsteigend)" } },
      as("admin"),
    );
    expect(updated.body.data?.updateCampaign).toMatchObject({ slotCount: 8, beaconAnnouncement: "Die Lottozahlen vom 5. Juli 2030 (6 aus 49, aufsteigend)", confirmationDays: 10 });
    const [{ n }] = (await h.database.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "CampaignSlot" WHERE "tenantId" = $1::uuid`, [o.tenantId])) as [{ n: number }];
    expect(n).toBe(8);
    const published = await h.gql<{ publishCampaign: { status: string } }>(`mutation { publishCampaign(tenant: "${TENANT}", campaign: "${SLUG}") { ... on Campaign { status } } }`, {}, as("admin"));
    expect(published.body.data?.publishCampaign.status).toBe("PUBLISHED");
    const fixed = await h.gql<{ updateCampaign: { code: string } }>(update, { input: { ...INPUT, campaign: SLUG } }, as("admin"));
    expect(fixed.body.data?.updateCampaign.code).toBe("CAMPAIGN_STATE");
  });

  it("takes the beacon only after the window closed, draws only with it, once, and publishes it in the verified record", async () => {
    now = new Date("2030-06-10T00:00:00+02:00");
    expect(await h.app.services.lottery.advance()).toBe(1);
    await signIn();
    const early = await h.gql<{ enterCampaignBeacon: { code: string } }>(BEACON_MUTATION, { b: BEACON }, as("admin"));
    expect(early.body.data?.enterCampaignBeacon.code, JSON.stringify(early.body)).toBe("CAMPAIGN_STATE");
    for (let i = 0; i < 5; i++) {
      const [row] = await h.database.db.sql.query<{ id: string }>(
        `INSERT INTO "Customer" ("tenantId", email, "emailNormalized", name, "passwordHash", "verifiedAt") VALUES ($1::uuid, $2, $2, 'K', 'x', now()) RETURNING id::text AS id`,
        [o.tenantId, `k${i}@example.org`],
      );
      await h.app.services.lottery.apply({ tenantId: o.tenantId, customerId: row!.id }, (await h.app.services.tenants.bySlug(TENANT))!, SLUG, { offices: [], weekdays: [], timesOfDay: [] });
    }
    now = new Date("2030-07-06T10:00:00+02:00");
    // The window closes; the draw is due but waits for the announced beacon.
    expect(await h.app.services.lottery.advance()).toBe(1);
    expect(await h.app.services.lottery.advance()).toBe(0);
    await signIn();
    const byClerk = await h.gql(BEACON_MUTATION, { b: BEACON }, as("clerk"));
    expect(byClerk.body.errors?.[0]?.message).toBeTruthy();
    const entered = await h.gql<{ enterCampaignBeacon: { beacon: string } }>(BEACON_MUTATION, { b: BEACON }, as("admin"));
    expect(entered.body.data?.enterCampaignBeacon.beacon).toBe(BEACON);
    const twice = await h.gql<{ enterCampaignBeacon: { code: string } }>(BEACON_MUTATION, { b: "7 8 9" }, as("admin"));
    expect(twice.body.data?.enterCampaignBeacon.code).toBe("BEACON_ENTERED");
    expect(await h.app.services.lottery.advance()).toBe(1);
    const response = await h.yoga.fetch(`http://localhost/draws/${TENANT}/${SLUG}.json`);
    const record = (await response.json()) as { beacon: string; entries: unknown[] };
    expect(record.beacon).toBe(BEACON);
    expect(record.entries).toHaveLength(5);
    const file = join(mkdtempSync(join(tmpdir(), "tv-beacon-")), "record.json");
    writeFileSync(file, JSON.stringify(record));
    const run = spawnSync("python3", [verifier, file], { encoding: "utf8" });
    expect(run.stdout + run.stderr).toContain("draw record verified");
    expect(run.status).toBe(0);
    const late = await h.gql<{ enterCampaignBeacon: { code: string } }>(BEACON_MUTATION, { b: "1 2 3" }, as("admin"));
    expect(late.body.data?.enterCampaignBeacon.code).toBe("CAMPAIGN_STATE");
  });
});
