import { err, ok, type Result } from "../shared/result.ts";
import type { StaffRole } from "./roles.ts";

/** A staff member as the rule sees them. */
export interface StaffMember {
  readonly id: string;
  readonly role: StaffRole;
  readonly active: boolean;
}

export interface StaffChange {
  readonly role?: StaffRole | null;
  readonly active?: boolean | null;
}

export type StaffChangeRefusal = { readonly type: "SELF_CHANGE" } | { readonly type: "LAST_ADMIN" } | { readonly type: "NO_CHANGE" };

/**
 * An admin changes a colleague's role or deactivates them. Nobody demotes or deactivates
 * themselves (an agency could lock itself out by a slip), and the last active admin stays
 * an active admin. Returns the member after the change.
 */
export function decideStaffChange(
  actorId: string,
  target: StaffMember,
  change: StaffChange,
  activeAdmins: number,
): Result<StaffMember, StaffChangeRefusal> {
  const after: StaffMember = { ...target, role: change.role ?? target.role, active: change.active ?? target.active };
  if (after.role === target.role && after.active === target.active) return err({ type: "NO_CHANGE" });
  if (target.id === actorId) return err({ type: "SELF_CHANGE" });
  const wasActiveAdmin = target.active && target.role === "ADMIN";
  const isActiveAdmin = after.active && after.role === "ADMIN";
  if (wasActiveAdmin && !isActiveAdmin && activeAdmins <= 1) return err({ type: "LAST_ADMIN" });
  return ok(after);
}
