import { localDayOf, type Tenant } from "@terminvergabe/core";
import { DEMO_PASSWORD, type Database, hashPassword, LotteryRepository } from "@terminvergabe/db";
import type { Logger } from "../logger.ts";
import type { CatalogCache } from "../scheduling/catalog-cache.ts";
import type { SchedulingService } from "../scheduling/scheduling-service.ts";
import { CampaignAdmin, type CampaignInput } from "./campaign-admin.ts";
import { type CustomerRef, LotteryService } from "./lottery-service.ts";

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const DEMO_LOTTERY_TENANT = "demo-steuerberatung";

/** The three demo campaigns, one per state, and who applies to them (documented in README "Demo"). */
export const DEMO_CAMPAIGNS = {
  open: "steuerberatung-offen",
  drawn: "steuerberatung-ausgelost",
  finished: "steuerberatung-abgeschlossen",
} as const;

/** Extra demo applicants beside the named demo customers (password: DEMO_PASSWORD). */
const EXTRA_APPLICANTS = 30;

/**
 * Gives demo-steuerberatung a campaign in each state on first start, relative to `clock()`:
 * OPEN (taking applications, Max has applied), DRAWN with offers pending (Erika holds an
 * offer, Lena — who wants evenings, which the pool never has — waits on the list), and
 * FINISHED. Each goes through the real steps (pool from the opening rules, publication with
 * the commitment, applications, window close, draw, answers) on a clock that is walked
 * through the past, so every record verifies. Idempotent: nothing happens once the open
 * campaign exists.
 */
export async function seedDemoCampaigns(deps: {
  db: Database;
  logger: Logger;
  clock: () => Date;
  publicUrl: string;
  catalog: CatalogCache;
  scheduling: SchedulingService;
  kickOutbox: () => void;
}): Promise<string[]> {
  const tenant = await deps.catalog.bySlug(DEMO_LOTTERY_TENANT);
  if (!tenant) return [];
  const repository = new LotteryRepository(deps.db);
  if (await repository.campaignBySlug(tenant.id, DEMO_CAMPAIGNS.open)) return [];
  const realNow = deps.clock();
  let now = realNow;
  const clock = () => now;
  const lottery = new LotteryService(repository, {
    clock,
    logger: deps.logger,
    publicUrl: deps.publicUrl,
    tenantById: (id) => deps.catalog.byId(id),
    kickOutbox: deps.kickOutbox,
    offices: (id) => deps.catalog.offices(id),
  });
  const admin = new CampaignAdmin(repository, lottery, {
    clock,
    logger: deps.logger,
    catalog: deps.catalog,
    officeSchedule: (t, ref) => deps.scheduling.office(t, ref),
    demo: false,
  });
  const customers = await demoApplicants(deps.db, tenant);
  const byEmail = (email: string) => customers.find((c) => c.email === email)!;
  const created: string[] = [];

  /** Creates, publishes and opens a campaign whose window opens at `opensAt`; returns its slug. */
  const open = async (slug: string, name: { de: string; en: string }, opensAt: Date, closesAt: Date, periodFrom: Date, periodDays: number) => {
    const input: CampaignInput = {
      office: "beratungszentrum",
      service: "steuerberatung",
      name,
      applicationOpensAt: opensAt,
      applicationClosesAt: closesAt,
      drawAt: new Date(closesAt.getTime() + HOUR),
      notifyBy: new Date(closesAt.getTime() + 7 * DAY),
      periodFrom: localDate(tenant, periodFrom),
      periodTo: localDate(tenant, new Date(periodFrom.getTime() + (periodDays - 1) * DAY)),
      confirmationDays: 14,
      moveUpOfferDays: 3,
      beaconAnnouncement: null,
    };
    now = new Date(opensAt.getTime() - DAY);
    const campaign = await admin.create(tenant, "system:demo-seed", slug, input);
    await lottery.publish(tenant.id, campaign.id, "system:demo-seed");
    now = opensAt;
    await lottery.advanceCampaign(tenant.id, campaign.id);
    created.push(slug);
    return campaign;
  };
  const apply = async (slug: string, who: CustomerRef[], preferences = { offices: [] as string[], weekdays: [] as number[], timesOfDay: [] as ("MORNING" | "AFTERNOON" | "EVENING")[] }) => {
    for (const customer of who) await lottery.apply(customer, tenant, slug, preferences);
  };
  const extras = customers.filter((c) => c.email.startsWith("demo-antrag"));
  const evenings = { offices: [], weekdays: [], timesOfDay: ["EVENING" as const] };

  // FINISHED: last season, every offer answered, the period over.
  const finishedOpens = new Date(realNow.getTime() - 150 * DAY);
  const finished = await open(
    DEMO_CAMPAIGNS.finished,
    { de: "Steuerberatung (abgeschlossene Runde)", en: "Tax advice (finished round)" },
    finishedOpens,
    new Date(finishedOpens.getTime() + 21 * DAY),
    nextTuesday(tenant, new Date(finishedOpens.getTime() + 40 * DAY)),
    1,
  );
  now = new Date(finishedOpens.getTime() + DAY);
  await apply(DEMO_CAMPAIGNS.finished, [byEmail("deniz.probe@example.org"), ...extras.slice(0, 20)]);
  now = finished.drawAt;
  await lottery.advanceCampaign(tenant.id, finished.id);
  now = new Date(finished.drawAt.getTime() + 2 * DAY);
  for (const application of await repository.applicationsOfCampaign(tenant.id, finished.id)) {
    if (application.state === "OFFERED") await lottery.confirmOffer({ customer: { tenantId: tenant.id, customerId: application.customerId }, campaignSlug: DEMO_CAMPAIGNS.finished }, tenant);
  }
  now = new Date(finishedOpens.getTime() + 50 * DAY);
  await lottery.advanceCampaign(tenant.id, finished.id);

  // DRAWN: the draw was nine days ago; offers are pending (five days left), the waiting list moves up.
  const drawnOpens = new Date(realNow.getTime() - 30 * DAY);
  const drawn = await open(
    DEMO_CAMPAIGNS.drawn,
    { de: "Steuerberatung (ausgelost)", en: "Tax advice (drawn)" },
    drawnOpens,
    new Date(realNow.getTime() - 9 * DAY - HOUR),
    nextTuesday(tenant, new Date(realNow.getTime() + 10 * DAY)),
    1,
  );
  now = new Date(drawnOpens.getTime() + DAY);
  // Erika can only come in the afternoon (the pool's Tuesday has 18 afternoon slots for at most 13
  // applicants, so she surely holds an offer); twelve take anything; Lena and four others want
  // evenings, which the pool never has, so they wait on the list.
  await apply(DEMO_CAMPAIGNS.drawn, [byEmail("erika.beispiel@example.org")], { offices: [], weekdays: [], timesOfDay: ["AFTERNOON"] });
  await apply(DEMO_CAMPAIGNS.drawn, extras.slice(0, 12));
  await apply(DEMO_CAMPAIGNS.drawn, [byEmail("lena.musterfrau@example.org"), ...extras.slice(12, 16)], evenings);
  now = drawn.drawAt;
  await lottery.advanceCampaign(tenant.id, drawn.id);
  now = new Date(drawn.drawAt.getTime() + DAY);
  let answered = 0;
  for (const application of await repository.applicationsOfCampaign(tenant.id, drawn.id)) {
    if (application.state !== "OFFERED" || !extras.some((e) => e.customerId === application.customerId)) continue;
    const proof = { customer: { tenantId: tenant.id, customerId: application.customerId }, campaignSlug: DEMO_CAMPAIGNS.drawn };
    // Some confirm, one declines (its slot moves up when the job runs), the rest are still pending.
    if (answered < 4) await lottery.confirmOffer(proof, tenant);
    else if (answered === 4) await lottery.declineOffer(proof, tenant);
    answered++;
  }

  // OPEN: the window opened three days ago and closes in two and a half weeks; Max has applied.
  const openOpens = new Date(realNow.getTime() - 3 * DAY);
  const openCloses = new Date(realNow.getTime() + 18 * DAY);
  await open(
    DEMO_CAMPAIGNS.open,
    { de: "Steuerberatung (Anmeldung offen)", en: "Tax advice (applications open)" },
    openOpens,
    openCloses,
    nextTuesday(tenant, new Date(openCloses.getTime() + 14 * DAY)),
    10,
  );
  now = new Date(openOpens.getTime() + HOUR);
  await apply(DEMO_CAMPAIGNS.open, [byEmail("max.mustermann@example.org"), ...extras.slice(16, 30)]);
  deps.logger.info("lottery.demo_campaigns_seeded", { tenant: tenant.slug, campaigns: created });
  return created;
}

/** The named demo customers and EXTRA_APPLICANTS more (demo-antrag-NN@example.org), all with the demo password. */
async function demoApplicants(db: Database, tenant: Tenant): Promise<(CustomerRef & { email: string })[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const emails = Array.from({ length: EXTRA_APPLICANTS }, (_, i) => `demo-antrag-${String(i + 1).padStart(2, "0")}@example.org`);
  await db.sql.query(
    `INSERT INTO "Customer" ("tenantId", email, "emailNormalized", name, "passwordHash", "verifiedAt")
     SELECT $1::uuid, e, e, 'Demo-Antrag ' || substr(e, 13, 2), $3, now() FROM unnest($2::text[]) AS e
     ON CONFLICT ("tenantId", "emailNormalized") DO NOTHING`,
    [tenant.id, emails, passwordHash],
  );
  const rows = await db.sql.query<{ id: string; email: string }>(`SELECT id::text AS id, email FROM "Customer" WHERE "tenantId" = $1::uuid ORDER BY email`, [tenant.id]);
  return rows.map((r) => ({ tenantId: tenant.id, customerId: r.id, email: r.email }));
}

function localDate(tenant: Tenant, instant: Date): string {
  return localDayOf(tenant.timeZone, instant).date;
}

/** The first instant at or after `instant` (in whole days) whose local date is a Tuesday: the longest advice day. */
function nextTuesday(tenant: Tenant, instant: Date): Date {
  let t = instant.getTime();
  while (localDayOf(tenant.timeZone, new Date(t)).isoWeekday !== 2) t += DAY;
  return new Date(t);
}
