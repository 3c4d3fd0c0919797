-- Issue 11.1: the old time of a rescheduled online booking enters the same cool-down as a
-- cancelled one (busy intervals count it until releasedAt + cancelledSlotCooldownMinutes).
-- CreateTable
CREATE TABLE "ReleasedSlot" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenantId" UUID NOT NULL,
    "officeId" UUID NOT NULL,
    "counterId" UUID NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "releasedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReleasedSlot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReleasedSlot_tenantId_officeId_startsAt_idx" ON "ReleasedSlot"("tenantId", "officeId", "startsAt");
