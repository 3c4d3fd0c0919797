-- Case C, customer accounts and notifications: forgotten-password and e-mail change links
-- (only SHA-256 of their tokens, single use, expiring) and the portal's notification list
-- (one row per lottery mail, written in the mail's transaction).
-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "emailChangeExpiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "emailChangeTokenHash" TEXT,
ADD COLUMN     "pendingEmail" TEXT,
ADD COLUMN     "resetExpiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "resetTokenHash" TEXT;

-- CreateTable
CREATE TABLE "CustomerNotification" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenantId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "campaignId" UUID,
    "applicationId" UUID,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMPTZ(3),

    CONSTRAINT "CustomerNotification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CustomerNotification_tenantId_customerId_createdAt_idx" ON "CustomerNotification"("tenantId", "customerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_resetTokenHash_key" ON "Customer"("resetTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_emailChangeTokenHash_key" ON "Customer"("emailChangeTokenHash");

-- AddForeignKey
ALTER TABLE "CustomerNotification" ADD CONSTRAINT "CustomerNotification_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerNotification" ADD CONSTRAINT "CustomerNotification_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

