import type { StaffRole } from "@terminvergabe/core";
import type { CustomerAccount, StaffAccount } from "@terminvergabe/db";

/**
 * Who is calling, resolved once per request from the session (cookie or bearer token).
 * Staff and customers belong to exactly one tenant; every tenant-owned object is checked
 * against `tenantId` (see the staffOf/adminOf/customerOf scopes in builder.ts).
 */
export type Viewer =
  | { readonly kind: "anonymous" }
  | {
      readonly kind: "customer";
      readonly tenantId: string;
      readonly customerId: string;
      readonly customer: CustomerAccount;
      readonly session: ViewerSession;
    }
  | {
      readonly kind: "staff";
      readonly tenantId: string;
      readonly userId: string;
      readonly roles: readonly StaffRole[];
      readonly user: StaffAccount;
      readonly session: ViewerSession;
    };

export interface ViewerSession {
  readonly id: string;
  readonly expiresAt: Date;
  /** How the request presented it; only cookie sessions are subject to the CSRF rule. */
  readonly via: "cookie" | "bearer";
}

export const ANONYMOUS: Viewer = Object.freeze({ kind: "anonymous" });

/** True when the viewer is staff of this tenant (any role). */
export function isStaffOf(viewer: Viewer, tenantId: string): boolean {
  return viewer.kind === "staff" && viewer.tenantId === tenantId;
}

export function isAdminOf(viewer: Viewer, tenantId: string): boolean {
  return viewer.kind === "staff" && viewer.tenantId === tenantId && viewer.roles.includes("ADMIN");
}

export function isCustomerOf(viewer: Viewer, tenantId: string): boolean {
  return viewer.kind === "customer" && viewer.tenantId === tenantId;
}
