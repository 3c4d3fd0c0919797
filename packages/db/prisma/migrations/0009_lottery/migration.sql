-- Case C: lottery campaigns (docs/lottery.md) and customer double opt-in.
-- A campaign gains PUBLISHED (commitment public before the window opens), its draw time,
-- beacon and published record; an application the slot it holds and the hash of its
-- offer-link token; a customer the hash of the double opt-in token.

-- AlterEnum (BEFORE keeps the life-cycle order; the new values are not used in this transaction)
ALTER TYPE "CampaignStatus" ADD VALUE 'PUBLISHED' BEFORE 'OPEN';

-- AlterEnum
ALTER TYPE "ApplicationState" ADD VALUE 'CANCELLED';

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "verifyExpiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "verifyTokenHash" TEXT;

-- AlterTable (drawAt: existing campaigns draw an hour after their window closes)
ALTER TABLE "Campaign" ADD COLUMN     "beacon" TEXT,
ADD COLUMN     "beaconAnnouncement" TEXT,
ADD COLUMN     "closedAt" TIMESTAMPTZ(3),
ADD COLUMN     "drawAt" TIMESTAMPTZ(3),
ADD COLUMN     "entryCount" INTEGER,
ADD COLUMN     "moveUpOfferDays" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "record" JSONB;
UPDATE "Campaign" SET "drawAt" = "applicationClosesAt" + interval '1 hour';
ALTER TABLE "Campaign" ALTER COLUMN "drawAt" SET NOT NULL;

-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "offerTokenHash" TEXT,
ADD COLUMN     "offeredAt" TIMESTAMPTZ(3),
ADD COLUMN     "slotId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "Customer_verifyTokenHash_key" ON "Customer"("verifyTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignSlot_tenantId_id_key" ON "CampaignSlot"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Application_offerTokenHash_key" ON "Application"("offerTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Application_tenantId_slotId_key" ON "Application"("tenantId", "slotId");

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_tenantId_slotId_fkey" FOREIGN KEY ("tenantId", "slotId") REFERENCES "CampaignSlot"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
