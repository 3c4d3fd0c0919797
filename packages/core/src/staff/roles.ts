/** A staff member's role in one tenant. ADMIN may do everything a CLERK may, and more. */
export type StaffRole = "ADMIN" | "CLERK";

export const STAFF_ROLES: readonly StaffRole[] = ["ADMIN", "CLERK"];

/** The roles a user with `role` holds: an admin is a clerk, too. */
export function rolesOf(role: StaffRole): readonly StaffRole[] {
  return role === "ADMIN" ? ["ADMIN", "CLERK"] : ["CLERK"];
}

export function isStaffRole(value: unknown): value is StaffRole {
  return value === "ADMIN" || value === "CLERK";
}

/**
 * The role a single sign-on grants: the claim's value (a string, or a list of strings such as
 * Keycloak's groups or roles) looked up in the tenant's mapping; the highest role that maps
 * wins. null when nothing maps — such a user is refused, never given a default role.
 */
export function roleFromClaim(claim: unknown, mapping: Readonly<Record<string, StaffRole>>): StaffRole | null {
  const values = Array.isArray(claim) ? claim : [claim];
  let best: StaffRole | null = null;
  for (const value of values) {
    if (typeof value !== "string" || !Object.hasOwn(mapping, value)) continue;
    const role = mapping[value];
    if (role === "ADMIN") return "ADMIN";
    if (role === "CLERK") best = "CLERK";
  }
  return best;
}

/** The valid entries of a stored claim → role mapping (a JSON column); anything else is dropped. */
export function parseRoleMapping(value: unknown): Record<string, StaffRole> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter(([, role]) => isStaffRole(role))) as Record<string, StaffRole>;
}
