-- A fair waiting room for announced releases: tickets with a randomly drawn admission time.
-- Only the ticket token's SHA-256 is stored; tickets are purged a day after their release.

-- CreateTable
CREATE TABLE "WaitingTicket" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenantId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "releaseAt" TIMESTAMPTZ(3) NOT NULL,
    "admitAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WaitingTicket_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WaitingTicket_tokenHash_key" ON "WaitingTicket"("tokenHash");

-- CreateIndex
CREATE INDEX "WaitingTicket_releaseAt_idx" ON "WaitingTicket"("releaseAt");

-- AddForeignKey
ALTER TABLE "WaitingTicket" ADD CONSTRAINT "WaitingTicket_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

