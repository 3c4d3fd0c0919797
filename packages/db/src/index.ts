export { openDatabase, describeUrl, type Database, type DatabaseConfig, type DatabaseKind } from "./client.ts";
export { DataDirInUseError } from "./data-dir-lock.ts";
export { migrate, loadMigrations, MigrationChecksumError } from "./migrations/migrate.ts";
export { sqlStateOf, constraintOf, SqlState } from "./sqlstate.ts";
export { hashToken, digestsEqual, newToken, hashPassword, verifyPassword } from "./crypto.ts";
export { TenantRepository } from "./repositories/tenant-repository.ts";
export { seedDemoTenants, DEMO_PASSWORD } from "./seed/seed.ts";
export type { DemoTenant } from "./seed/demo-types.ts";
export { BookingRepository, type NewHold } from "./repositories/booking-repository.ts";
