import {
  BookingRepository,
  ConfigurationRepository,
  type Database,
  IdentityRepository,
  CustomerRepository,
  LotteryRepository,
  ManageLinkRepository,
  migrate,
  openDatabase,
  ScheduleRepository,
  allowDemoOrigins,
  seedDemoTenants,
  StaffRepository,
  StaffUserRepository,
  TenantRepository,
  WaitingRoomRepository,
} from "@terminvergabe/db";
import { demoTenants } from "@terminvergabe/db/demo";
import { BookingQuota } from "./abuse/booking-quota.ts";
import { HoldQuota } from "./abuse/hold-quota.ts";
import { createLimiterStore } from "./abuse/limiter-store.ts";
import { ProofOfWork } from "./abuse/proof-of-work.ts";
import type { Config } from "./config.ts";
import { createLogger } from "./logger.ts";
import { createPubSubHandle } from "./pubsub.ts";
import { BookingService } from "./booking/booking-service.ts";
import { ContactCheckService } from "./booking/contact-check-service.ts";
import type { RenderMail } from "./booking/mail-data.ts";
import { startJobs } from "./jobs/start-jobs.ts";
import { createIdentity } from "./identity/create-identity.ts";
import { CustomerAccounts } from "./identity/customer-accounts.ts";
import { LotteryService } from "./lottery/lottery-service.ts";
import { CampaignAdmin } from "./lottery/campaign-admin.ts";
import { demoOrigins } from "./demo-host/demo-origins.ts";
import { seedDemoCampaigns } from "./lottery/demo-campaigns.ts";
import type { AccountDeletionPorts } from "./identity/customer-accounts.ts";
import { createMailCipher, keyFromDataDir, PLAIN, sealMail } from "./mail/mail-cipher.ts";
import { renderBookingMail } from "./mail/render-booking-mail.ts";
import { CatalogCache } from "./scheduling/catalog-cache.ts";
import { AdmissionControl } from "./plugins/admission.ts";
import { SchedulingService } from "./scheduling/scheduling-service.ts";
import { ConfigurationService } from "./staff/configuration-service.ts";
import { StaffService } from "./staff/staff-service.ts";
import { WaitingRoomService } from "./waiting-room/waiting-room-service.ts";
import type { AppServices } from "./app-services.ts";

/** Import it from app-services.ts: a module app.ts builds that imports app.ts is a cycle. */
export type { AppServices };

export interface App {
  services: AppServices;
  close(): Promise<void>;
}

/** Opens the database, applies migrations, seeds the demo tenants and wires the services. */
export interface AppOptions {
  /** An already open database (tests); the app then leaves closing it to the caller. */
  db?: Database;
  clock?: () => Date;
  /** Renders booking mails (default: the real templates). */
  renderMail?: RenderMail;
  /** How long agencies, offices and concerns are cached (default 5 s; tests that edit them use 0). */
  catalogTtlMs?: number;
  /** Run background jobs (hold expiry, outbox delivery) in this process; default true. */
  jobs?: boolean;
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = createLogger(config.logLevel);
  const db = options.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  try {
    const applied = await migrate(db);
    if (applied.length) logger.info("db.migrated", { applied });
    if (config.seedDemo) {
      const seeded = await seedDemoTenants(db, demoTenants);
      if (seeded.length) logger.info("db.seeded", { tenants: seeded });
      // The demo pages work on whatever port the demo host listens on (PORT/DEMO_PORT, PUBLIC_URL).
      await allowDemoOrigins(db, demoTenants.map((t) => t.slug), demoOrigins(config));
    }
  } catch (error) {
    if (!options.db) await db.close();
    throw error;
  }
  const pubsub = await createPubSubHandle(config.redisUrl, { logger });
  const tenantRepository = new TenantRepository(db);
  const tenants = new CatalogCache(tenantRepository, options.catalogTtlMs ?? 5_000);
  let originCache: { at: number; origins: Set<string> } | undefined;
  const bookings = new BookingRepository(db);
  // Undelivered mails are sealed at rest (their links carry tokens); tests that bring their
  // own database and no MAIL_KEY read them in plain text.
  const mailCipher = config.mailKey ? createMailCipher(config.mailKey) : options.db ? PLAIN : createMailCipher(keyFromDataDir(config.dataDir));
  const render = options.renderMail ?? renderBookingMail;
  const renderMail: RenderMail = (data) => sealMail(mailCipher, render(data));
  if (!config.mailKey && !options.db && config.databaseUrl) {
    // Every instance must open what any other sealed: instances on other hosts need MAIL_KEY.
    logger.info("mail.key_from_data_dir", { file: `${config.dataDir}/mail.key`, hint: "set MAIL_KEY when gateway instances run on several hosts" });
  }
  let kickOutbox = () => {};
  const clock = options.clock ?? (() => new Date());
  const admission = new AdmissionControl({ maxDelayMs: config.admissionMaxDelayMs });
  const limiters = createLimiterStore(config.redisUrl, logger);
  // Limits shared across instances from the first request on (at most a few seconds' wait).
  await limiters.ready;
  const identity = createIdentity(new IdentityRepository(db), clock, logger, config.publicUrl);
  const lotteryRepository = new LotteryRepository(db);
  const lottery = new LotteryService(lotteryRepository, {
    clock,
    logger,
    publicUrl: config.publicUrl,
    tenantById: (id) => tenants.byId(id),
    kickOutbox: () => kickOutbox(),
    offices: (tenantId) => tenants.offices(tenantId),
    mailCipher,
  });
  // Deleting a customer account gives up their applications and cancels their bookings (with notice).
  const accountDeletion = (): AccountDeletionPorts => ({
    releaseApplications: (customer, reason) => lottery.releaseAllOf(customer, reason),
    bookingById: (tenantId, id) => bookings.byId(tenantId, id),
    cancelBooking: async (tenant, record, reason) => {
      const caller = { actor: { kind: "system", job: "customer-account-deletion" } as const, locale: tenant.locale, tenantBySlug: (slug: string) => tenants.bySlug(slug) };
      await booking.cancelOnBehalf(caller, record, tenant, reason);
    },
  });
  const base: Omit<AppServices, "booking" | "contactCheck" | "staff" | "configuration"> = {
    config,
    admission,
    limiters,
    proofOfWork: new ProofOfWork(config.proofOfWork, limiters),
    holdQuota: new HoldQuota(limiters, config.rateLimits !== null),
    bookingQuota: new BookingQuota(limiters, config.rateLimits !== null),
    db,
    logger,
    pubsub: pubsub.pubsub,
    pubsubState: () => pubsub.state(),
    mailCipher,
    tenants,
    scheduling: new SchedulingService(new ScheduleRepository(db), logger, clock, {
      snapshotStalenessMs: config.snapshotStalenessMs,
      // An admin's change on any instance: agencies, offices, concerns and origins are read anew.
      onConfigurationChange: () => {
        tenants.clear();
        originCache = undefined;
      },
    }),
    bookings,
    // Sold out: no office's snapshot shows a free online start in the released period.
    waitingRoom: new WaitingRoomService(new WaitingRoomRepository(db), clock, async (tenant) =>
      base.scheduling.releasedCalendars(tenant, (await tenants.offices(tenant.id)).map((o) => o.id)),
    ),
    identity,
    customers: new CustomerAccounts(new CustomerRepository(db), identity, { clock, logger, publicUrl: config.publicUrl, kickOutbox: () => kickOutbox(), deletion: accountDeletion, mailCipher }),
    lottery,
    campaignAdmin: new CampaignAdmin(lotteryRepository, lottery, {
      clock,
      logger,
      catalog: tenants,
      officeSchedule: (tenant, ref) => base.scheduling.office(tenant, ref),
      demo: config.seedDemo,
    }),
    clock,
    async allowedOrigins() {
      if (!originCache || Date.now() - originCache.at > 30_000) {
        originCache = { at: Date.now(), origins: await tenants.allAllowedOrigins() };
      }
      return originCache.origins;
    },
  };
  const booking = new BookingService(base, bookings, renderMail, () => kickOutbox());
  const staff = new StaffService({ ...base, booking }, new StaffRepository(db), bookings, renderMail, () => kickOutbox());
  const configuration = new ConfigurationService(
    { ...base, publicUrl: config.publicUrl, kickOutbox: () => kickOutbox() },
    new ConfigurationRepository(db),
    new StaffUserRepository(db),
  );
  const contactCheck = new ContactCheckService(base, new ManageLinkRepository(db), () => kickOutbox());
  const services: AppServices = { ...base, booking, contactCheck, staff, configuration };
  // Every instance drops cached busy times on any change, wherever it happened.
  const invalidations = pubsub.pubsub.subscribe("availability:changed");
  void (async () => {
    for await (const event of invalidations) services.scheduling.noteChange(event);
  })();
  if (config.seedDemo && config.demoPort > 0) {
    // Case C's demo (with the demo host): a campaign in each state, created once on the first start.
    try {
      await seedDemoCampaigns({ db, logger, clock, publicUrl: config.publicUrl, catalog: tenants, scheduling: services.scheduling, kickOutbox: () => kickOutbox() });
    } catch (error) {
      logger.error("lottery.demo_campaigns_failed", { message: (error as Error).message });
    }
  }
  const jobs = options.jobs === false ? null : await startJobs(services);
  if (jobs) kickOutbox = jobs.kickOutbox;
  return {
    services,
    async close() {
      admission.close();
      await limiters.close();
      await jobs?.stop();
      await invalidations.return?.(undefined);
      await pubsub.close();
      if (!options.db) await db.close();
    },
  };
}
