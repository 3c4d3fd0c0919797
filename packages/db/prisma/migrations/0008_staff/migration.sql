-- The staff desk: two booking statuses, mass cancellation runs, and the desk's name search.
--
-- CHECKED_IN: the person is at the desk for the booked time (it keeps the counter, see
-- 0008_staff_live). UNMARKED: the appointment's day passed and nobody recorded attendance
-- (the tenant's policy chooses between it and COMPLETED). New enum values cannot be used in
-- the transaction that adds them, so the constraint and the lock that name CHECKED_IN
-- follow in the next migration.
ALTER TYPE "BookingStatus" ADD VALUE 'CHECKED_IN' BEFORE 'COMPLETED';
ALTER TYPE "BookingStatus" ADD VALUE 'UNMARKED';

-- CreateEnum
CREATE TYPE "MassCancellationStatus" AS ENUM ('RUNNING', 'DONE');

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN "massCancellationId" UUID;

-- CreateTable
CREATE TABLE "MassCancellation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenantId" UUID NOT NULL,
    "officeId" UUID NOT NULL,
    "counterId" UUID,
    "serviceId" UUID,
    "fromDate" DATE NOT NULL,
    "toDate" DATE NOT NULL,
    "rangeStart" TIMESTAMPTZ(3) NOT NULL,
    "rangeEnd" TIMESTAMPTZ(3) NOT NULL,
    "reason" JSONB NOT NULL,
    "closureId" UUID,
    "status" "MassCancellationStatus" NOT NULL DEFAULT 'RUNNING',
    "total" INTEGER NOT NULL,
    "startedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "MassCancellation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MassCancellation_tenantId_createdAt_idx" ON "MassCancellation"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "MassCancellation_tenantId_id_key" ON "MassCancellation"("tenantId", "id");

-- CreateIndex
CREATE INDEX "Booking_massCancellationId_idx" ON "Booking"("massCancellationId");

-- AddForeignKey
ALTER TABLE "MassCancellation" ADD CONSTRAINT "MassCancellation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MassCancellation" ADD CONSTRAINT "MassCancellation_tenantId_officeId_fkey" FOREIGN KEY ("tenantId", "officeId") REFERENCES "Office"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The desk finds bookings by the start of a name ("mül" → "Müller"): a prefix match on the
-- lower-cased name, per tenant. Hand-written: Prisma cannot express an expression index.
CREATE INDEX "Booking_name_search_idx" ON "Booking" ("tenantId", lower("contactName") text_pattern_ops);
