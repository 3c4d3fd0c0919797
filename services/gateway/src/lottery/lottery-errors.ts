import { DomainError } from "../errors/domain-errors.ts";

/**
 * A campaign or application refused the customer's request for an expected reason (window
 * not open, applied already, offer lapsed, wrong state). One schema type, told apart by code.
 */
export class LotteryRefused extends DomainError {
  constructor(
    code:
      | "CAMPAIGN_NOT_OPEN"
      | "APPLICATION_WINDOW_CLOSED"
      | "ALREADY_APPLIED"
      | "OFFER_EXPIRED"
      | "APPLICATION_STATE"
      | "APPOINTMENT_STARTED"
      | "CUSTOMER_REQUIRED"
      | "DRAW_PENDING"
      | "CAMPAIGN_STATE"
      | "BEACON_MISSING"
      | "NO_BEACON_ANNOUNCED"
      | "BEACON_ENTERED"
      | "DEMO_ONLY",
    params: Record<string, string | number> = {},
  ) {
    super(code, params);
  }
}
