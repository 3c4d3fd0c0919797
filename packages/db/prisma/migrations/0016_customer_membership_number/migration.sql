-- Case C, customer portal: the membership number a customer gives at registration when the
-- agency serves its members only (tenant policy membershipNumberRequired).
-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "membershipNumber" TEXT;
