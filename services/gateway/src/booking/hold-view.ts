/** A hold as returned to the browser that holds it (the token is shown only here). */
export interface HoldView {
  id: string;
  token: string;
  start: Date;
  end: Date;
  expiresAt: Date;
}

/** The result of confirming: the booking and its manage token (shown once, also mailed). */
export interface BookingConfirmation {
  bookingId: string;
  tenantId: string;
  manageToken: string;
  verificationRequired: boolean;
}
