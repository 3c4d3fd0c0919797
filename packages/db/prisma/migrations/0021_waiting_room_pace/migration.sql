-- The waiting room paces admission to capacity (issue 17): a ticket taken before the release
-- keeps only its lot; its admission time follows from the lot and the number of tickets
-- drawn once the release comes. Tickets taken after the release queue behind and keep a
-- fixed admission time.

-- AlterTable
ALTER TABLE "WaitingTicket" ADD COLUMN "lot" DOUBLE PRECISION NOT NULL DEFAULT 0,
ALTER COLUMN "admitAt" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "WaitingTicket_tenantId_releaseAt_idx" ON "WaitingTicket"("tenantId", "releaseAt");
