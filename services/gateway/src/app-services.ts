import type { BookingRepository, Database } from "@terminvergabe/db";
import type { BookingQuota } from "./abuse/booking-quota.ts";
import type { HoldQuota } from "./abuse/hold-quota.ts";
import type { LimiterStore } from "./abuse/limiter-store.ts";
import type { ProofOfWork } from "./abuse/proof-of-work.ts";
import type { BookingService } from "./booking/booking-service.ts";
import type { ContactCheckService } from "./booking/contact-check-service.ts";
import type { Config } from "./config.ts";
import type { AdmissionControl } from "./plugins/admission.ts";
import type { CustomerAccounts } from "./identity/customer-accounts.ts";
import type { IdentityService } from "./identity/identity-service.ts";
import type { Logger } from "./logger.ts";
import type { MailCipher } from "./mail/mail-cipher.ts";
import type { LotteryService } from "./lottery/lottery-service.ts";
import type { CampaignAdmin } from "./lottery/campaign-admin.ts";
import type { PubSub, PubSubState } from "./pubsub.ts";
import type { CatalogCache } from "./scheduling/catalog-cache.ts";
import type { SchedulingService } from "./scheduling/scheduling-service.ts";
import type { ConfigurationService } from "./staff/configuration-service.ts";
import type { StaffService } from "./staff/staff-service.ts";
import type { WaitingRoomService } from "./waiting-room/waiting-room-service.ts";

// Its own module, apart from the composition root (app.ts): everything that receives the
// services imports this, so nothing app.ts builds ever imports app.ts back (npm run cycles).

/** Everything a request may use; built once per process. */
export interface AppServices {
  config: Config;
  db: Database;
  logger: Logger;
  pubsub: PubSub;
  /** Whether live updates reach other instances ("redis") or only this one ("memory", "degraded"). */
  pubsubState(): PubSubState;
  /** Seals and opens mail bodies at rest (see mail/mail-cipher.ts). */
  mailCipher: MailCipher;
  tenants: CatalogCache;
  scheduling: SchedulingService;
  bookings: BookingRepository;
  booking: BookingService;
  /** The per-person limits asked at step 3, and the manage links mailed on request. */
  contactCheck: ContactCheckService;
  /** The agency's desk: phone bookings, day list, attendance, mass cancellations. */
  staff: StaffService;
  /** The agency's configuration and staff invitations (admins). */
  configuration: ConfigurationService;
  /** Fair waiting rooms of announced releases. */
  waitingRoom: WaitingRoomService;
  /** Sign-in, sessions, single sign-on. */
  identity: IdentityService;
  /** Portal customer accounts (registration with double opt-in, sign-in). */
  customers: CustomerAccounts;
  /** Lottery campaigns (case C): applications, draw, offers, move-ups, the public record. */
  lottery: LotteryService;
  /** Campaigns for admins: create/update with a generated pool, publish, beacon, the demo's draw-now. */
  campaignAdmin: CampaignAdmin;
  /** Where rate-limit counters live (memory, or Redis with REDIS_URL). */
  limiters: LimiterStore;
  /** Proof of work (ALTCHA) before citizens hold and confirm. */
  proofOfWork: ProofOfWork;
  /** Holds per client address and tenant. */
  holdQuota: HoldQuota;
  /** Bookings per client address, tenant and hour. */
  bookingQuota: BookingQuota;
  /** Admission control of this process (HTTP server and GraphQL plugin share it). */
  admission: AdmissionControl;
  /** The clock; tests may freeze it. */
  clock: () => Date;
  /** The origins any tenant allows (refreshed on start; per-tenant checks happen per request). */
  allowedOrigins(): Promise<Set<string>>;
}
