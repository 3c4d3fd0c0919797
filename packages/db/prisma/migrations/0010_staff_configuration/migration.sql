-- Staff configuration (issue 12): the agency's legal notice link next to its privacy link,
-- and invitations of staff users by e-mail (a single-use set-password token, stored only as
-- its SHA-256, with an expiry).
ALTER TABLE "Tenant" ADD COLUMN "imprintUrl" TEXT;

ALTER TABLE "StaffUser" ADD COLUMN "inviteTokenHash" TEXT,
ADD COLUMN "inviteExpiresAt" TIMESTAMPTZ(3);

CREATE UNIQUE INDEX "StaffUser_inviteTokenHash_key" ON "StaffUser"("inviteTokenHash");
