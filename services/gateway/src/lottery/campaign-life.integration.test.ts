import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { LotteryRepository } from "@terminvergabe/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTinyOffice, type TinyOffice } from "../../test/booking-fixture.ts";
import { createTestCampaign } from "../../test/campaign-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

/**
 * The life of a campaign through GraphQL with a test clock (issue 14's acceptance scenario,
 * scaled down: 60 applications for 12 slots instead of 500 for 100, so it runs in seconds
 * on both targets). Jobs run by hand in due order, as the runner would.
 */
const verifier = fileURLToPath(new URL("../../../../tools/verify-draw/verify_draw.py", import.meta.url));
const APPLICANTS = 60;
const DAY = "2030-09-02"; // a Monday
const SLUG = "steuer-2030";

let now = new Date("2030-06-01T08:00:00Z");
const at = (iso: string) => (now = new Date(iso));

const APPLY = /* GraphQL */ `
  mutation ($tenant: String!, $campaign: String!, $preferences: LotteryPreferencesInput) {
    applyToCampaign(tenant: $tenant, campaign: $campaign, preferences: $preferences) {
      __typename
      ... on Application { id entryCode state lotteryRank }
      ... on Error { code message }
    }
  }
`;
const CAMPAIGN = /* GraphQL */ `
  query ($tenant: String!, $slug: String!) {
    campaign(tenant: $tenant, slug: $slug) {
      status commitment entryListHash entryCount slotCount
      record { algorithm drawSeed entries url }
      myApplication { state lotteryRank offerDeadline appointmentStart }
    }
  }
`;
const answer = (name: "confirmOffer" | "declineOffer") => /* GraphQL */ `
  mutation ($tenant: String!, $campaign: String, $token: String) {
    ${name}(tenant: $tenant, campaign: $campaign, token: $token) {
      __typename
      ... on OfferAnswer { state appointmentStart }
      ... on Error { code }
    }
  }
`;
const WITHDRAW = /* GraphQL */ `
  mutation ($tenant: String!, $campaign: String!) {
    withdrawApplication(tenant: $tenant, campaign: $campaign) { __typename ... on Application { state } ... on Error { code } }
  }
`;
const CANCEL = /* GraphQL */ `
  mutation ($tenant: String!, $campaign: String!) {
    cancelCampaignAppointment(tenant: $tenant, campaign: $campaign) { __typename ... on Application { state } ... on Error { code } }
  }
`;

interface Applicant {
  customerId: string;
  email: string;
  token: string;
  entryCode: string;
}

describe.each(testTargets())("a lottery campaign's life ($name)", (target) => {
  let h: Harness;
  let o: TinyOffice;
  let campaignId: string;
  const applicants: Applicant[] = [];
  const dir = mkdtempSync(join(tmpdir(), "tv-campaign-"));
  /** A fresh session at the test clock's time (sessions idle out after 30 minutes, and the clock jumps days). */
  const bearer = async (a: Applicant) => {
    const session = await h.app.services.identity.sessions.start(o.tenantId, { customerId: a.customerId }, "password");
    return { authorization: `Bearer ${session.token}` };
  };
  const sql = () => h.database.db.sql;

  async function verifyRecord(label: string): Promise<{ status: number | null; output: string; record: Record<string, unknown> }> {
    const response = await h.yoga.fetch(`http://localhost/draws/${o.tenantSlug}/${SLUG}.json`);
    expect(response.status).toBe(200);
    const record = (await response.json()) as Record<string, unknown>;
    const file = join(dir, `${label}.json`);
    writeFileSync(file, JSON.stringify(record));
    const run = spawnSync("python3", [verifier, file], { encoding: "utf8" });
    return { status: run.status, output: run.stdout + run.stderr, record };
  }

  /** Runs due lottery jobs until none is due, in due order (what the job runner does). */
  async function runDueJobs(): Promise<number> {
    let ran = 0;
    for (;;) {
      const jobs = await sql().query<{ id: string; kind: string; payload: unknown }>(
        `SELECT id::text AS id, kind, payload FROM "Job" WHERE kind LIKE 'lottery-%' AND "finishedAt" IS NULL AND "runAt" <= $1::timestamptz ORDER BY "runAt", id`,
        [now],
      );
      if (jobs.length === 0) return ran;
      for (const job of jobs) {
        const p = (typeof job.payload === "string" ? JSON.parse(job.payload) : job.payload) as Record<string, string>;
        if (job.kind === "lottery-offer-expiry") await h.app.services.lottery.expireOffer(p.tenantId!, p.applicationId!);
        if (job.kind === "lottery-move-up") await h.app.services.lottery.moveUp(p.tenantId!, p.campaignId!, p.slotId!);
        await sql().query(`UPDATE "Job" SET "finishedAt" = $2::timestamptz WHERE id = $1::bigint`, [job.id, now]);
        ran++;
      }
    }
  }

  async function stateOf(a: Applicant) {
    const [row] = await sql().query<{ state: string; rank: number | null; slotId: string | null }>(
      `SELECT state::text AS state, "lotteryRank" AS rank, "slotId"::text AS "slotId" FROM "Application" WHERE "customerId" = $1::uuid`,
      [a.customerId],
    );
    return row!;
  }

  async function offerToken(a: Applicant): Promise<string> {
    const rows = await sql().query<{ textBody: string }>(
      `SELECT "textBody" FROM "MailOutbox" WHERE "toAddress" = $1 AND kind = 'lottery-offer' ORDER BY "createdAt" DESC LIMIT 1`,
      [a.email],
    );
    const token = /#token=([A-Za-z0-9_-]+)/.exec(rows[0]?.textBody ?? "")?.[1];
    if (!token) throw new Error(`no offer mail for ${a.email}`);
    return token;
  }

  beforeAll(async () => {
    at("2030-06-01T08:00:00Z");
    h = await startHarness(target, { seedDemo: false }, { clock: () => now, jobs: false });
    o = await createTinyOffice(h.database.db, { slug: "lotto", date: DAY, until: "12:00", counters: 2 });
    const counters = await sql().query<{ id: string }>(`SELECT id::text AS id FROM "Counter" WHERE "tenantId" = $1::uuid ORDER BY name`, [o.tenantId]);
    const repository = new LotteryRepository(h.database.db);
    campaignId = await createTestCampaign(h.database.db, o, {
      slug: SLUG,
      name: { de: "Steuerberatung 2030", en: "Tax advice 2030" },
      applicationOpensAt: new Date("2030-06-10T00:00:00+02:00"),
      applicationClosesAt: new Date("2030-07-05T23:59:59+02:00"),
      drawAt: new Date("2030-07-06T10:00:00+02:00"),
      periodFrom: DAY,
      periodTo: DAY,
      notifyBy: new Date("2030-07-19T23:59:59+02:00"),
    });
    // 2 counters × 6 starts, 09:00–11:30 Berlin (UTC+2).
    const slots = counters.flatMap((c) =>
      Array.from({ length: 6 }, (_, i) => {
        const start = new Date(`${DAY}T${String(9 + Math.floor(i / 2)).padStart(2, "0")}:${i % 2 ? "30" : "00"}:00+02:00`);
        return { counterId: c.id, startsAt: start, endsAt: new Date(start.getTime() + 30 * 60_000) };
      }),
    );
    expect(await repository.addSlots(o.tenantId, campaignId, slots)).toBe(12);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("is announced with its commitment before the window opens, and opens on time", async () => {
    await h.app.services.lottery.publish(o.tenantId, campaignId, "staff:test");
    const published = await h.gql<{ campaign: { status: string; commitment: string; slotCount: number } }>(CAMPAIGN, { tenant: o.tenantSlug, slug: SLUG });
    expect(published.body.data?.campaign).toMatchObject({ status: "PUBLISHED", slotCount: 12 });
    expect(published.body.data?.campaign.commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(await h.app.services.lottery.advance()).toBe(0);
    at("2030-06-10T00:00:00+02:00");
    expect(await h.app.services.lottery.advance()).toBe(1);
    const tenants = await h.gql<{ tenant: { campaigns: { slug: string; status: string }[] } }>(`{ tenant(slug: "lotto") { campaigns { slug status } } }`);
    expect(tenants.body.data?.tenant.campaigns).toEqual([{ slug: SLUG, status: "OPEN" }]);
  });

  it("registers a customer with double opt-in, signs them in and takes their application", async () => {
    const register = await h.gql<{ registerCustomer: { __typename: string } }>(
      `mutation { registerCustomer(tenant: "lotto", name: "Erika Beispiel", email: "erika@example.org", password: "sehr-geheim-123", consent: true) { __typename ... on Error { code } } }`,
    );
    expect(register.body.data?.registerCustomer.__typename).toBe("CustomerRegistration");
    const login = `mutation { customerLogin(tenant: "lotto", email: "erika@example.org", password: "sehr-geheim-123", deliverAs: TOKEN) { __typename ... on CustomerSession { token } ... on Error { code } } }`;
    expect((await h.gql<{ customerLogin: { code: string } }>(login)).body.data?.customerLogin.code).toBe("EMAIL_NOT_VERIFIED");
    const [mail] = await sql().query<{ textBody: string }>(`SELECT "textBody" FROM "MailOutbox" WHERE "toAddress" = 'erika@example.org' AND kind = 'lottery-verify-account'`);
    const verifyToken = /#token=([A-Za-z0-9_-]+)/.exec(mail!.textBody)![1]!;
    const verify = `mutation ($t: String!) { verifyCustomerEmail(tenant: "lotto", token: $t) { __typename } }`;
    expect((await h.gql<{ verifyCustomerEmail: { __typename: string } }>(verify, { t: verifyToken })).body.data?.verifyCustomerEmail.__typename).toBe("CustomerRegistration");
    expect((await h.gql<{ verifyCustomerEmail: { __typename: string } }>(verify, { t: verifyToken })).body.data?.verifyCustomerEmail.__typename).toBe("InputError");
    const session = await h.gql<{ customerLogin: { token: string } }>(login);
    const token = session.body.data!.customerLogin.token;
    const [customer] = await sql().query<{ id: string }>(`SELECT id::text AS id FROM "Customer" WHERE email = 'erika@example.org'`);
    const erika: Applicant = { customerId: customer!.id, email: "erika@example.org", token, entryCode: "" };
    const applied = await h.gql<{ applyToCampaign: { __typename: string; entryCode: string; state: string } }>(APPLY, { tenant: "lotto", campaign: SLUG }, await bearer(erika));
    expect(applied.body.data?.applyToCampaign).toMatchObject({ __typename: "Application", state: "APPLIED" });
    expect(applied.body.data?.applyToCampaign.entryCode).toMatch(/^TV-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    erika.entryCode = applied.body.data!.applyToCampaign.entryCode;
    applicants.push(erika);
    // Without a session: refused by the scope.
    const anonymous = await h.gql(APPLY, { tenant: "lotto", campaign: SLUG });
    expect(anonymous.body.errors?.[0]?.message).toBeTruthy();
  });

  it("takes one application per customer, whenever it comes; preferences can change and an application be withdrawn until the window closes", async () => {
    for (let i = 1; i < APPLICANTS; i++) {
      const email = `kunde${i}@example.org`;
      const [row] = await sql().query<{ id: string }>(
        `INSERT INTO "Customer" ("tenantId", email, "emailNormalized", name, "passwordHash", "verifiedAt") VALUES ($1::uuid, $2, $2, $3, 'x', now()) RETURNING id::text AS id`,
        [o.tenantId, email, `Kunde ${i}`],
      );
      at(new Date(new Date("2030-06-10T08:00:00Z").getTime() + i * 9 * 3_600_000).toISOString()); // spread over the window
      const session = await h.app.services.identity.sessions.start(o.tenantId, { customerId: row!.id }, "password");
      // Every fifth wants evenings, which the pool never has: they can only stay waitlisted.
      const preferences = i % 5 === 0 ? { timesOfDay: ["EVENING"] } : i % 3 === 0 ? { weekdays: [1], offices: ["amt"] } : {};
      const applied = await h.gql<{ applyToCampaign: { __typename: string; entryCode: string } }>(APPLY, { tenant: "lotto", campaign: SLUG, preferences }, { authorization: `Bearer ${session.token}` });
      expect(applied.body.data?.applyToCampaign.__typename, JSON.stringify(applied.body)).toBe("Application");
      applicants.push({ customerId: row!.id, email, token: session.token, entryCode: applied.body.data!.applyToCampaign.entryCode });
    }
    const last = applicants[APPLICANTS - 1]!;
    const change = await h.gql<{ applyToCampaign: { state: string } }>(APPLY, { tenant: "lotto", campaign: SLUG, preferences: { timesOfDay: ["MORNING"] } }, await bearer(last));
    expect(change.body.data?.applyToCampaign.state).toBe("APPLIED");
    const withdrawn = await h.gql<{ withdrawApplication: { state: string } }>(WITHDRAW, { tenant: "lotto", campaign: SLUG }, await bearer(last));
    expect(withdrawn.body.data?.withdrawApplication.state, JSON.stringify(withdrawn.body)).toBe("WITHDRAWN");
    const again = await h.gql<{ applyToCampaign: { entryCode: string } }>(APPLY, { tenant: "lotto", campaign: SLUG }, await bearer(last));
    expect(again.body.data?.applyToCampaign.entryCode).toBe(last.entryCode);
    at("2030-07-06T00:00:00+02:00");
    const late = await h.gql<{ applyToCampaign: { code: string } }>(APPLY, { tenant: "lotto", campaign: SLUG }, await bearer(last));
    expect(late.body.data?.applyToCampaign.code).toBe("APPLICATION_WINDOW_CLOSED");
  });

  it("closes the window with the entry list's hash, then draws at the draw time — once", async () => {
    expect(await h.app.services.lottery.advance()).toBe(1);
    const closed = await h.gql<{ campaign: { status: string; entryListHash: string; entryCount: number } }>(CAMPAIGN, { tenant: "lotto", slug: SLUG });
    expect(closed.body.data?.campaign).toMatchObject({ status: "CLOSED", entryCount: APPLICANTS });
    expect(closed.body.data?.campaign.entryListHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await h.app.services.lottery.advance()).toBe(0);
    at("2030-07-06T10:00:00+02:00");
    // Two instances drawing at once (or a restart after a crash): one result, saved once.
    const results = await Promise.all([h.app.services.lottery.draw(o.tenantId, campaignId), h.app.services.lottery.draw(o.tenantId, campaignId)]);
    expect(results.sort()).toEqual(["ALREADY_DRAWN", "DRAWN"]);
    expect(await h.app.services.lottery.advance()).toBe(0);
    const states = await Promise.all(applicants.map(stateOf));
    expect(states.filter((s) => s.state === "OFFERED")).toHaveLength(12);
    expect(states.filter((s) => s.state === "WAITLISTED")).toHaveLength(APPLICANTS - 12);
    const mails = await sql().query<{ kind: string; n: number }>(`SELECT kind, count(*)::int AS n FROM "MailOutbox" WHERE kind IN ('lottery-offer', 'lottery-waitlisted') GROUP BY kind ORDER BY kind`);
    expect(mails).toEqual([{ kind: "lottery-offer", n: 12 }, { kind: "lottery-waitlisted", n: APPLICANTS - 12 }]);
    const verified = await verifyRecord("drawn");
    expect(verified.output).toContain("draw record verified");
    expect(verified.status).toBe(0);
    const view = await h.gql<{ campaign: { status: string; record: { entries: number; url: string } } }>(CAMPAIGN, { tenant: "lotto", slug: SLUG });
    expect(view.body.data?.campaign.record.entries).toBe(APPLICANTS);
    expect(view.body.data?.campaign.record.url).toBe(`${h.config.publicUrl}/draws/lotto/${SLUG}.json`);
  });

  it("confirms by link and in the portal, declines, lets offers expire — and moves the freed slots up in rank order to those they fit", async () => {
    const offered = [];
    for (const a of applicants) if ((await stateOf(a)).state === "OFFERED") offered.push(a);
    const [link1, link2, portal1, portal2, declineLink, declinePortal, expire1, expire2] = offered;
    for (const a of [link1!, link2!]) {
      const result = await h.gql<{ confirmOffer: { state: string } }>(answer("confirmOffer"), { tenant: "lotto", token: await offerToken(a) });
      expect(result.body.data?.confirmOffer.state).toBe("CONFIRMED");
    }
    const reused = await h.gql<{ confirmOffer: { __typename: string } }>(answer("confirmOffer"), { tenant: "lotto", token: await offerToken(link1!) });
    expect(reused.body.data?.confirmOffer.__typename).toBe("NotFound");
    for (const a of [portal1!, portal2!]) {
      const result = await h.gql<{ confirmOffer: { state: string } }>(answer("confirmOffer"), { tenant: "lotto", campaign: SLUG }, await bearer(a));
      expect(result.body.data?.confirmOffer.state).toBe("CONFIRMED");
    }
    const byLink = await h.gql<{ declineOffer: { state: string } }>(answer("declineOffer"), { tenant: "lotto", token: await offerToken(declineLink!) });
    expect(byLink.body.data?.declineOffer.state).toBe("DECLINED");
    const inPortal = await h.gql<{ declineOffer: { state: string } }>(answer("declineOffer"), { tenant: "lotto", campaign: SLUG }, await bearer(declinePortal!));
    expect(inPortal.body.data?.declineOffer.state).toBe("DECLINED");
    expect(await runDueJobs()).toBe(2);
    // Everyone else offered (the moved-up two included) confirms, except two who let it expire.
    for (const a of applicants) {
      if (a === expire1 || a === expire2 || (await stateOf(a)).state !== "OFFERED") continue;
      const result = await h.gql<{ confirmOffer: { state: string } }>(answer("confirmOffer"), { tenant: "lotto", campaign: SLUG }, await bearer(a));
      expect(result.body.data?.confirmOffer.state).toBe("CONFIRMED");
    }
    at("2030-07-20T10:00:01+02:00");
    const late = await h.gql<{ confirmOffer: { code: string } }>(answer("confirmOffer"), { tenant: "lotto", campaign: SLUG }, await bearer(expire1!));
    expect(late.body.data?.confirmOffer.code).toBe("OFFER_EXPIRED");
    await runDueJobs();
    expect((await stateOf(expire1!)).state).toBe("EXPIRED");
    expect((await stateOf(expire2!)).state).toBe("EXPIRED");

    const verified = await verifyRecord("moved-up");
    expect(verified.output).toContain("every move-up went to the best-ranked waiting entry");
    expect(verified.status).toBe(0);
    const moveUps = verified.record.moveUps as { entryCode: string }[];
    expect(moveUps).toHaveLength(4);
    // Nobody who wants evenings moved up; moved-up entries are the best ranks among the rest.
    const entries = verified.record.entries as { entryCode: string; rank: number; slot: string | null; preferences: { timesOfDay: string[] } }[];
    const eligible = entries.filter((e) => e.slot === null && !e.preferences.timesOfDay.includes("EVENING")).sort((a, b) => a.rank - b.rank);
    expect(moveUps.map((m) => m.entryCode).sort()).toEqual(eligible.slice(0, 4).map((e) => e.entryCode).sort());
  });

  it("frees a cancelled appointment for the next one on the waiting list", async () => {
    const confirmed = [];
    for (const a of applicants) if ((await stateOf(a)).state === "CONFIRMED") confirmed.push(a);
    const canceller = confirmed[0]!;
    const cancelled = await h.gql<{ cancelCampaignAppointment: { state: string } }>(CANCEL, { tenant: "lotto", campaign: SLUG }, await bearer(canceller));
    expect(cancelled.body.data?.cancelCampaignAppointment.state).toBe("CANCELLED");
    expect(await runDueJobs()).toBe(1);
    const verified = await verifyRecord("cancelled");
    expect(verified.status).toBe(0);
    expect(verified.record.moveUps as unknown[]).toHaveLength(5);
    const mine = await h.gql<{ campaign: { myApplication: { state: string } } }>(CAMPAIGN, { tenant: "lotto", slug: SLUG }, await bearer(canceller));
    expect(mine.body.data?.campaign.myApplication.state).toBe("CANCELLED");
  });
});
