-- Identity (issue 10, item 4): sessions with idle and absolute expiry, staff single sign-on
-- through each tenant's OpenID provider, and the short-lived state of a sign-in in progress.
-- Written with `prisma migrate diff` from schema.prisma before and after this change.
--
-- Session."expiresAt" keeps its meaning as the absolute expiry; "lastSeenAt" adds the idle
-- timeout. Existing sessions (none were ever issued before this migration) get now().
-- StaffUser."passwordHash" becomes optional: users provisioned by SSO have no password.

-- AlterTable
ALTER TABLE "StaffUser" ADD COLUMN     "oidcSubject" TEXT,
ALTER COLUMN "passwordHash" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "TenantSso" (
    "tenantId" UUID NOT NULL,
    "issuer" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientSecret" TEXT NOT NULL,
    "scopes" TEXT NOT NULL DEFAULT 'email profile',
    "roleClaim" TEXT NOT NULL DEFAULT 'roles',
    "roleMapping" JSONB NOT NULL DEFAULT '{}',
    "provisionUsers" BOOLEAN NOT NULL DEFAULT true,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TenantSso_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "OidcLoginState" (
    "stateHash" TEXT NOT NULL,
    "tenantId" UUID NOT NULL,
    "nonce" TEXT NOT NULL,
    "codeVerifier" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OidcLoginState_pkey" PRIMARY KEY ("stateHash")
);

-- CreateIndex
CREATE INDEX "OidcLoginState_expiresAt_idx" ON "OidcLoginState"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_tenantId_oidcSubject_key" ON "StaffUser"("tenantId", "oidcSubject");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- AddForeignKey
ALTER TABLE "TenantSso" ADD CONSTRAINT "TenantSso_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OidcLoginState" ADD CONSTRAINT "OidcLoginState_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

