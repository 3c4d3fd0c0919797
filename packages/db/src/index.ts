export { openDatabase, describeUrl, type Database, type DatabaseConfig, type DatabaseKind } from "./client.ts";
export { DataDirInUseError } from "./data-dir-lock.ts";
export { migrate, loadMigrations, MigrationChecksumError } from "./migrations/migrate.ts";
export { autovacuumRunning, vacuumGrownTables, DEFAULT_UPKEEP, type UpkeepRule } from "./maintenance.ts";
export { sqlStateOf, constraintOf, isContention, SqlState } from "./sqlstate.ts";
export { hashToken, digestsEqual, newToken, deriveToken } from "./crypto.ts";
export { hashPassword, verifyPassword, needsRehash, SCRYPT_PARAMS } from "./password-hash.ts";
export { TenantRepository } from "./repositories/tenant-repository.ts";
export { WaitingRoomRepository } from "./repositories/waiting-room-repository.ts";
export {
  IdentityRepository,
  type StaffAccount,
  type CustomerAccount,
  type SessionRecord,
  type NewSession,
  type SsoConfig,
  type OidcLoginState,
} from "./repositories/identity-repository.ts";
export { allowDemoOrigins, seedDemoTenants, DEMO_PASSWORD } from "./seed/seed.ts";
export type { DemoTenant } from "./seed/demo-types.ts";
export {
  BookingRepository,
  lockKey,
  type NewHold,
  type HoldClaim,
  type Placement,
  type ClaimedHold,
  type ConfirmRead,
  type ConfirmOutcome,
  type ConfirmWrite,
  type PersonBookings,
  type PersonKey,
} from "./repositories/booking-repository.ts";
export type { BookingRecord, OutboxInsert } from "./repositories/booking-records.ts";
export { ManageLinkRepository, MANAGE_LINK_MAIL, type ManageLinkMail, type PersonLiveBooking as PersonLiveBookingRecord } from "./repositories/manage-link-repository.ts";
export { ScheduleRepository, type OfficeSchedule, type TimedBusyInterval } from "./repositories/schedule-repository.ts";
export { OutboxRepository, type ClaimedMail, type OutboxEntry, type OutboxEntryDetail, type OutboxStatus } from "./repositories/outbox-repository.ts";
export { LotteryRepository, type LotteryOutboxInsert, type CampaignDraftRow, type CampaignRecord, type CampaignSlotRecord, type ApplicationRecord, type WaitingApplication, type DrawOutcome, type ApplicationChange, type CustomerContact } from "./repositories/lottery-repository.ts";
export { CustomerRepository, type CustomerCredentials, type CustomerNotificationRecord } from "./repositories/customer-repository.ts";
export { JobRepository, MAX_BACKOFF_MS, type NewJob, type JobLease, type ClaimedJob, type JobRow, type JobCounts } from "./repositories/job-repository.ts";
export {
  StaffRepository,
  type DeskBooking,
  type OpenPastBooking,
  type MassCancellationScope,
  type MassCancellationRun,
  type AuditEntry,
  type AuditFilter,
  type BookingStatistics,
  type ClosureRecord,
} from "./repositories/staff-repository.ts";
export {
  ConfigurationRepository,
  type CounterRecord,
  type ConcernRecord,
  type OfficeRecord,
  type OpeningRuleRecord,
  type TenantSettingsRecord,
  type ConfigurationRefusal,
  type ConfigurationOutcome,
} from "./repositories/configuration-repository.ts";
export { StaffUserRepository, type StaffInvitation } from "./repositories/staff-user-repository.ts";
export { RetentionRepository, type AnonymisedBookings } from "./repositories/retention-repository.ts";
