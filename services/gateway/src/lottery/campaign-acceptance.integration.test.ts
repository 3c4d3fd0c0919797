import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_PASSWORD, hashPassword } from "@terminvergabe/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTinyOffice, type TinyOffice } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";
import { createMailTransport, parseSender } from "../mail/mail-transport.ts";
import { type OutboxWorker, startOutboxWorker } from "../mail/outbox-worker.ts";
import { startTestSmtpServer, type TestSmtpServer } from "../mail/testing/smtp-test-server.ts";

/**
 * Issue 14's acceptance scenario through GraphQL with a test clock, mails through a real
 * SMTP server: an admin creates the campaign (pool from the opening rules: 10 counters ×
 * 10 half hours = 100 slots) and publishes it; 500 customers apply → the draw → 100 offers
 * and 400 waiting-list mails at the SMTP server → 60 confirm by the mail's link, 20 in the
 * portal, 10 decline, 10 let the offer expire (after a deadline reminder) → the 20 freed
 * slots go to waitlisted applicants in rank order whose preferences fit → a confirmed
 * winner cancels → the next one moves up. The Python verifier confirms the published record.
 */
const verifier = fileURLToPath(new URL("../../../../tools/verify-draw/verify_draw.py", import.meta.url));
const APPLICANTS = 500;
const DAY = "2030-09-02"; // a Monday
const SLUG = "steuer-500";
const TENANT = "lotto500";

let now = new Date("2030-06-01T08:00:00Z");
const at = (iso: string) => (now = new Date(iso));

type Preferences = { offices?: string[]; weekdays?: number[]; timesOfDay?: string[] };
/** A tenth want evenings and a tenth Wednesdays (never in the pool: waitlisted for good), three tenths afternoons only. */
function preferencesOf(i: number): Preferences {
  const d = i % 10;
  if (d === 0) return { timesOfDay: ["EVENING"] };
  if (d === 1) return { weekdays: [3] };
  if (d <= 4) return { timesOfDay: ["AFTERNOON"] };
  return {};
}

const APPLY = `mutation ($tenant: String!, $campaign: String!, $preferences: LotteryPreferencesInput) {
  applyToCampaign(tenant: $tenant, campaign: $campaign, preferences: $preferences) { __typename ... on Application { entryCode } ... on Error { code } } }`;
const ANSWER = (name: "confirmOffer" | "declineOffer") => `mutation ($tenant: String!, $campaign: String, $token: String) {
  ${name}(tenant: $tenant, campaign: $campaign, token: $token) { __typename ... on OfferAnswer { state } ... on Error { code } } }`;

interface Applicant {
  i: number;
  customerId: string;
  email: string;
}

describe.each(testTargets())("issue 14's acceptance: 500 applications for 100 slots ($name)", (target) => {
  let h: Harness;
  let o: TinyOffice;
  let smtp: TestSmtpServer;
  let worker: OutboxWorker;
  let adminToken: string;
  const applicants: Applicant[] = [];
  const byCode = new Map<string, Applicant>();
  const dir = mkdtempSync(join(tmpdir(), "tv-acceptance-"));
  const sql = () => h.database.db.sql;
  const bearer = async (a: Applicant) => {
    const session = await h.app.services.identity.sessions.start(o.tenantId, { customerId: a.customerId }, "password");
    return { authorization: `Bearer ${session.token}` };
  };
  const admin = () => ({ authorization: `Bearer ${adminToken}` });

  /** Delivers the outbox to the SMTP server until nothing is pending. */
  async function deliverMails(): Promise<void> {
    for (let round = 0; round < 200; round++) {
      await worker.runOnce();
      const [pending] = await sql().query<{ n: number }>(`SELECT count(*)::int AS n FROM "MailOutbox" WHERE status = 'PENDING'`);
      if (pending!.n === 0) return;
    }
    throw new Error("the outbox did not drain");
  }
  const mailsTo = (a: Applicant) => smtp.received.filter((m) => m.recipients.includes(a.email));
  const linkToken = (a: Applicant): string => {
    const offer = mailsTo(a).filter((m) => /#token=/.test(m.parsed.text ?? "")).at(-1);
    const token = /#token=([A-Za-z0-9_-]+)/.exec(offer?.parsed.text ?? "")?.[1];
    if (!token) throw new Error(`no offer mail with a link for ${a.email}`);
    return token;
  };

  async function states(): Promise<Map<string, { state: string; rank: number; slotId: string | null }>> {
    const rows = await sql().query<{ customerId: string; state: string; rank: number; slotId: string | null }>(
      `SELECT "customerId"::text AS "customerId", state::text AS state, "lotteryRank" AS rank, "slotId"::text AS "slotId" FROM "Application" WHERE "tenantId" = $1::uuid`,
      [o.tenantId],
    );
    return new Map(rows.map((r) => [r.customerId, r]));
  }

  /** Runs due lottery jobs in due order until none is due (what the job runner does). */
  async function runDueJobs(): Promise<Record<string, number>> {
    const ran: Record<string, number> = {};
    for (;;) {
      const jobs = await sql().query<{ id: string; kind: string; payload: unknown }>(
        `SELECT id::text AS id, kind, payload FROM "Job" WHERE kind LIKE 'lottery-%' AND kind <> 'lottery-campaigns' AND "finishedAt" IS NULL AND "runAt" <= $1::timestamptz ORDER BY "runAt", id`,
        [now],
      );
      if (jobs.length === 0) return ran;
      for (const job of jobs) {
        const p = (typeof job.payload === "string" ? JSON.parse(job.payload) : job.payload) as Record<string, string>;
        const lottery = h.app.services.lottery;
        if (job.kind === "lottery-offer-expiry") await lottery.expireOffer(p.tenantId!, p.applicationId!);
        if (job.kind === "lottery-move-up") await lottery.moveUp(p.tenantId!, p.campaignId!, p.slotId!);
        if (job.kind === "lottery-offer-reminder") await lottery.remindOffer(p.tenantId!, p.applicationId!);
        await sql().query(`UPDATE "Job" SET "finishedAt" = $2::timestamptz WHERE id = $1::bigint`, [job.id, now]);
        ran[job.kind] = (ran[job.kind] ?? 0) + 1;
      }
    }
  }

  async function verifyRecord(label: string) {
    const response = await h.yoga.fetch(`http://localhost/draws/${TENANT}/${SLUG}.json`);
    expect(response.status).toBe(200);
    const record = (await response.json()) as Record<string, unknown>;
    const file = join(dir, `${target.name}-${label}.json`);
    writeFileSync(file, JSON.stringify(record));
    const run = spawnSync("python3", [verifier, file], { encoding: "utf8" });
    return { status: run.status, output: run.stdout + run.stderr, record };
  }

  beforeAll(async () => {
    at("2030-06-01T08:00:00Z");
    smtp = await startTestSmtpServer();
    h = await startHarness(target, { seedDemo: false, smtpUrl: smtp.url }, { clock: () => now, jobs: false });
    worker = startOutboxWorker({
      db: h.database.db,
      transport: createMailTransport({ smtpUrl: smtp.url, from: parseSender("Kammer <noreply@lotto.example>") }),
      logger: h.app.services.logger,
      intervalMs: 0,
      clock: () => now,
      concurrency: 10,
    });
    o = await createTinyOffice(h.database.db, { slug: TENANT, date: DAY, until: "14:00", counters: 10 });
    await h.database.db.prisma.staffUser.create({
      data: { tenantId: o.tenantId, email: "admin@lotto.example", name: "Ada Admin", role: "ADMIN", passwordHash: await hashPassword(DEMO_PASSWORD) },
    });
    const login = await h.gql<{ staffLogin: { token: string } }>(
      `mutation { staffLogin(tenant: "${TENANT}", email: "admin@lotto.example", password: "${DEMO_PASSWORD}", deliverAs: TOKEN) { ... on StaffSession { token } } }`,
    );
    adminToken = login.body.data!.staffLogin.token;
    // 500 verified customers (registration itself is covered by campaign-life).
    const emails = Array.from({ length: APPLICANTS }, (_, i) => `kunde${i}@example.org`);
    const rows = await sql().query<{ id: string; email: string }>(
      `INSERT INTO "Customer" ("tenantId", email, "emailNormalized", name, "passwordHash", "verifiedAt", locale)
       SELECT $1::uuid, e, e, 'Kunde ' || e, 'x', now(), CASE WHEN e LIKE '%7@%' THEN 'en' ELSE 'de' END FROM unnest($2::text[]) AS e
       RETURNING id::text AS id, email`,
      [o.tenantId, emails],
    );
    const idOf = new Map(rows.map((r) => [r.email, r.id]));
    emails.forEach((email, i) => applicants.push({ i, email, customerId: idOf.get(email)! }));
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await h?.close();
    await smtp?.stop();
  });

  it("an admin creates the campaign with its pool from the opening rules, reviews and publishes it", async () => {
    const input = {
      tenant: TENANT,
      slug: SLUG,
      office: "amt",
      service: "pass",
      name: { de: "Steuerberatung 2030", en: "Tax advice 2030" },
      applicationOpensAt: "2030-06-10T00:00:00+02:00",
      applicationClosesAt: "2030-07-05T23:59:59+02:00",
      drawAt: "2030-07-06T10:00:00+02:00",
      notifyBy: "2030-07-19T23:59:59+02:00",
      periodFrom: DAY,
      periodTo: DAY,
    };
    const created = await h.gql<{ createCampaign: { __typename: string; status: string; slotCount: number } }>(
      `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { __typename ... on Campaign { status slotCount } ... on Error { code } } }`,
      { input },
      admin(),
    );
    expect(created.body.data?.createCampaign).toEqual({ __typename: "Campaign", status: "DRAFT", slotCount: 100 });
    const bad = await h.gql<{ updateCampaign: { code: string } }>(
      `mutation ($input: UpdateCampaignInput!) { updateCampaign(input: $input) { __typename ... on Error { code } } }`,
      { input: { ...input, slug: undefined, campaign: SLUG, drawAt: "2030-07-01T10:00:00+02:00" } },
      admin(),
    );
    expect(bad.body.data?.updateCampaign.code).toBe("CAMPAIGN_DRAW_BEFORE_CLOSE");
    const pool = await h.gql<{ staffCampaigns: { slug: string; status: string; pool: { start: string }[] }[] }>(
      `{ staffCampaigns(tenant: "${TENANT}") { slug status pool { start } } }`,
      {},
      admin(),
    );
    expect(pool.body.data?.staffCampaigns[0]?.pool).toHaveLength(100);
    expect(pool.body.data?.staffCampaigns[0]?.pool[0]?.start).toBe("2030-09-02T07:00:00.000Z");
    // Drafts are not public; the pool is only the agency admins'.
    expect((await h.gql<{ campaign: null }>(`{ campaign(tenant: "${TENANT}", slug: "${SLUG}") { slug } }`)).body.data?.campaign).toBeNull();
    const published = await h.gql<{ publishCampaign: { status: string; commitment: string; pool: unknown[] } }>(
      `mutation { publishCampaign(tenant: "${TENANT}", campaign: "${SLUG}") { ... on Campaign { status commitment pool { id } } ... on Error { code } } }`,
      {},
      admin(),
    );
    expect(published.body.data?.publishCampaign).toMatchObject({ status: "PUBLISHED" });
    expect(published.body.data?.publishCampaign.commitment).toMatch(/^[0-9a-f]{64}$/);
    const anonymous = await h.gql<{ campaign: { status: string; pool: unknown[] } }>(`{ campaign(tenant: "${TENANT}", slug: "${SLUG}") { status pool { id } } }`);
    expect(anonymous.body.data?.campaign).toEqual({ status: "PUBLISHED", pool: [] });
    const drawNow = await h.gql<{ runCampaignDrawNow: { code: string } }>(`mutation { runCampaignDrawNow(tenant: "${TENANT}", campaign: "${SLUG}") { ... on Error { code } } }`, {}, admin());
    expect(drawNow.body.data?.runCampaignDrawNow.code).toBe("DEMO_ONLY");
    at("2030-06-10T00:00:00+02:00");
    expect(await h.app.services.lottery.advance()).toBe(1);
  });

  it("takes 500 applications spread over the window", async () => {
    const step = (25 * 86_400_000) / APPLICANTS;
    for (let start = 0; start < APPLICANTS; start += 10) {
      at(new Date(new Date("2030-06-10T06:00:00Z").getTime() + start * step).toISOString());
      await Promise.all(
        applicants.slice(start, start + 10).map(async (a) => {
          const applied = await h.gql<{ applyToCampaign: { __typename: string; entryCode: string } }>(
            APPLY,
            { tenant: TENANT, campaign: SLUG, preferences: preferencesOf(a.i) },
            await bearer(a),
          );
          expect(applied.body.data?.applyToCampaign.__typename, JSON.stringify(applied.body)).toBe("Application");
          byCode.set(applied.body.data!.applyToCampaign.entryCode, a);
        }),
      );
    }
    expect(byCode.size).toBe(APPLICANTS);
  }, 300_000);

  it("closes, draws, and mails 100 offers and 400 waiting-list places through the SMTP server", async () => {
    at("2030-07-06T00:00:00+02:00");
    expect(await h.app.services.lottery.advance()).toBe(1);
    at("2030-07-06T10:00:00+02:00");
    expect(await h.app.services.lottery.advance()).toBe(1);
    const s = await states();
    expect([...s.values()].filter((x) => x.state === "OFFERED")).toHaveLength(100);
    expect([...s.values()].filter((x) => x.state === "WAITLISTED")).toHaveLength(400);
    await deliverMails();
    const offers = smtp.received.filter((m) => /Losverfahren|lottery/.test(m.parsed.subject ?? "") && /#token=/.test(m.parsed.text ?? ""));
    expect(offers).toHaveLength(100);
    expect(smtp.received).toHaveLength(500);
    const english = offers.find((m) => m.recipients[0]!.includes("7@"));
    expect(english?.parsed.subject).toMatch(/^Your appointment in the lottery/);
    const verified = await verifyRecord("drawn");
    expect(verified.output).toContain("draw record verified");
    expect(verified.status).toBe(0);
  }, 300_000);

  it("60 confirm by link, 20 in the portal, 10 decline, 10 let it expire — the 20 freed slots move up in rank order to those they fit", async () => {
    const s = await states();
    const offered = applicants.filter((a) => s.get(a.customerId)!.state === "OFFERED").sort((a, b) => s.get(a.customerId)!.rank - s.get(b.customerId)!.rank);
    const [byLink, inPortal, declining, lapsing] = [offered.slice(0, 60), offered.slice(60, 80), offered.slice(80, 90), offered.slice(90, 100)];
    at("2030-07-07T09:00:00+02:00");
    for (const a of byLink) {
      const result = await h.gql<{ confirmOffer: { state: string } }>(ANSWER("confirmOffer"), { tenant: TENANT, token: linkToken(a) });
      expect(result.body.data?.confirmOffer.state).toBe("CONFIRMED");
    }
    // A link works once.
    const again = await h.gql<{ confirmOffer: { __typename: string } }>(ANSWER("confirmOffer"), { tenant: TENANT, token: linkToken(byLink[0]!) });
    expect(again.body.data?.confirmOffer.__typename).toBe("NotFound");
    for (const a of inPortal) {
      const result = await h.gql<{ confirmOffer: { state: string } }>(ANSWER("confirmOffer"), { tenant: TENANT, campaign: SLUG }, await bearer(a));
      expect(result.body.data?.confirmOffer.state).toBe("CONFIRMED");
    }
    for (const [n, a] of declining.entries()) {
      const result =
        n % 2 === 0
          ? await h.gql<{ declineOffer: { state: string } }>(ANSWER("declineOffer"), { tenant: TENANT, token: linkToken(a) })
          : await h.gql<{ declineOffer: { state: string } }>(ANSWER("declineOffer"), { tenant: TENANT, campaign: SLUG }, await bearer(a));
      expect(result.body.data?.declineOffer.state).toBe("DECLINED");
    }
    expect((await runDueJobs())["lottery-move-up"]).toBe(10);
    // The ten who moved up (three days to answer) confirm in the portal.
    const firstWave = await states();
    const movedUp = applicants.filter((a) => s.get(a.customerId)!.state === "WAITLISTED" && firstWave.get(a.customerId)!.state === "OFFERED");
    expect(movedUp).toHaveLength(10);
    for (const a of movedUp) {
      const result = await h.gql<{ confirmOffer: { state: string } }>(ANSWER("confirmOffer"), { tenant: TENANT, campaign: SLUG }, await bearer(a));
      expect(result.body.data?.confirmOffer.state).toBe("CONFIRMED");
    }
    // Two days before the deadline the ten who have not answered are reminded, by mail and in the portal.
    at("2030-07-18T10:00:01+02:00");
    await runDueJobs();
    await deliverMails();
    const reminders = smtp.received.filter((m) => /Erinnerung|Reminder/.test(m.parsed.subject ?? ""));
    expect(reminders.map((m) => m.recipients[0]).sort()).toEqual(lapsing.map((a) => a.email).sort());
    at("2030-07-20T10:00:01+02:00");
    const expired = await runDueJobs();
    expect(expired["lottery-offer-expiry"]).toBeGreaterThanOrEqual(10);
    const after = await states();
    for (const a of lapsing) expect(after.get(a.customerId)!.state).toBe("EXPIRED");
    for (const a of declining) expect(after.get(a.customerId)!.state).toBe("DECLINED");
    expect([...after.values()].filter((x) => x.state === "CONFIRMED")).toHaveLength(90);
    expect([...after.values()].filter((x) => x.state === "OFFERED")).toHaveLength(10);

    const verified = await verifyRecord("moved-up");
    expect(verified.output).toContain("every move-up went to the best-ranked waiting entry");
    expect(verified.status).toBe(0);
    const record = verified.record as { moveUps: { entryCode: string; slot: string }[]; slots: { id: string; localTime: string; weekday: number }[]; entries: { entryCode: string; rank: number }[] };
    expect(record.moveUps).toHaveLength(20);
    const slotById = new Map(record.slots.map((slot) => [slot.id, slot]));
    for (const m of record.moveUps) {
      const p = preferencesOf(byCode.get(m.entryCode)!.i);
      const slot = slotById.get(m.slot)!;
      if (p.timesOfDay?.includes("AFTERNOON")) expect(slot.localTime >= "12:00").toBe(true);
      expect(p.timesOfDay?.includes("EVENING") || p.weekdays?.includes(3)).toBeFalsy();
    }

    // The portal lists what the mails said.
    const notices = await h.gql<{ viewer: { notifications: { kind: string }[] } }>(
      `{ viewer { ... on CustomerViewer { notifications { kind } } } }`,
      {},
      await bearer(lapsing[0]!),
    );
    expect(notices.body.data?.viewer.notifications.map((n) => n.kind)).toEqual(["expired", "offer-reminder", "offer"]);
  }, 300_000);

  it("a confirmed winner cancels and the next one moves up; confirmation and cancellation carry calendar files", async () => {
    const s = await states();
    const confirmed = applicants.filter((a) => s.get(a.customerId)!.state === "CONFIRMED");
    const canceller = confirmed[0]!;
    const cancelled = await h.gql<{ cancelCampaignAppointment: { state: string } }>(
      `mutation { cancelCampaignAppointment(tenant: "${TENANT}", campaign: "${SLUG}") { __typename ... on Application { state } ... on Error { code } } }`,
      {},
      await bearer(canceller),
    );
    expect(cancelled.body.data?.cancelCampaignAppointment.state).toBe("CANCELLED");
    expect((await runDueJobs())["lottery-move-up"]).toBe(1);
    await deliverMails();
    const mails = mailsTo(canceller).map((m) => m.raw.toString("utf8"));
    expect(mails.some((raw) => raw.includes("METHOD:REQUEST"))).toBe(true);
    expect(mails.some((raw) => raw.includes("METHOD:CANCEL"))).toBe(true);
    const verified = await verifyRecord("cancelled");
    expect(verified.status).toBe(0);
    const moveUps = verified.record.moveUps as { entryCode: string; slot: string }[];
    expect(moveUps).toHaveLength(21);
    expect(moveUps.at(-1)!.slot).toBe(s.get(canceller.customerId)!.slotId);
  }, 120_000);
});
