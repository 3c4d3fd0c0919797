/** A hold as returned to the browser that holds it (the token is shown only here). */
export interface HoldView {
  id: string;
  token: string;
  start: Date;
  end: Date;
  expiresAt: Date;
  /** The latest the hold can last however often it is extended (the tenant's cap on its total life). */
  latestExpiry: Date;
  /** True when the server held another start than the one asked for (it was taken). */
  substituted: boolean;
}

import type { Tenant } from "@terminvergabe/core";
import type { BookingRecord } from "@terminvergabe/db";

/** The result of confirming: the booking and its manage token (shown once, also mailed). */
export interface BookingConfirmation {
  record: BookingRecord;
  tenant: Tenant;
  bookingId: string;
  tenantId: string;
  manageToken: string;
  verificationRequired: boolean;
}
