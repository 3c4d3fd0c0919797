import { err, ok, type Result } from "../shared/result.ts";

/** Letters, digits and the separators membership cards use (space, hyphen, slash, dot). */
const FORMAT = /^[A-Za-z0-9][A-Za-z0-9 ./-]{0,31}$/;

export type MembershipNumberIssue = "MEMBERSHIP_NUMBER_REQUIRED" | "MEMBERSHIP_NUMBER_INVALID";

/**
 * A portal customer's membership number (Mitgliedsnummer), for agencies that serve members
 * only (tenant policy `membershipNumberRequired`): trimmed, inner spaces collapsed, at most
 * 32 characters. Without the requirement an empty value is simply none (null).
 */
export function checkMembershipNumber(input: string | null | undefined, required: boolean): Result<string | null, MembershipNumberIssue> {
  const value = (input ?? "").trim().replace(/\s+/g, " ");
  if (!value) return required ? err("MEMBERSHIP_NUMBER_REQUIRED") : ok(null);
  return FORMAT.test(value) ? ok(value) : err("MEMBERSHIP_NUMBER_INVALID");
}
