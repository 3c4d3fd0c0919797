/**
 * Which operations are limited, how much, and how the limits are configured. Two kinds of
 * operation: `booking` (the public booking flow's writes, and the proof-of-work challenge
 * that precedes them) and `read` (the expensive reads: calendar and free times). Each is
 * limited per client address and per tenant, in fixed windows.
 */
export type LimitedKind = "booking" | "read";
export type LimitScope = "ip" | "tenant";
export type LimitName = `${LimitedKind}-${LimitScope}`;

export interface Limit {
  points: number;
  durationSeconds: number;
}

export type RateLimits = Readonly<Record<LimitName, Limit>>;

export const LIMIT_NAMES: readonly LimitName[] = ["booking-ip", "booking-tenant", "read-ip", "read-tenant"];

/**
 * Defaults: one citizen needs about five booking operations per appointment (challenge,
 * hold, perhaps an extension, challenge, confirm); 30 a minute leaves room for a family or
 * an office sharing one address. A tenant's release of a week's slots to thousands of
 * citizens within a minute stays under its own limit; one tenant's flood does not starve
 * the others.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = Object.freeze({
  "booking-ip": { points: 30, durationSeconds: 60 },
  "booking-tenant": { points: 20_000, durationSeconds: 60 },
  "read-ip": { points: 300, durationSeconds: 60 },
  "read-tenant": { points: 100_000, durationSeconds: 60 },
});

/** Root fields by the kind of limit they count against; unlisted fields are not limited here. */
export const LIMITED_FIELDS: Readonly<Record<string, LimitedKind>> = Object.freeze({
  holdSlot: "booking",
  extendHold: "booking",
  releaseHold: "booking",
  confirmBooking: "booking",
  cancelBooking: "booking",
  rescheduleBooking: "booking",
  verifyBooking: "booking",
  enterWaitingRoom: "booking",
  applyToCampaign: "booking",
  registerCustomer: "booking",
  proofOfWorkChallenge: "booking",
  // Step 3's contact check answers about a person: limited like a booking, not like a read.
  contactCheck: "booking",
  sendManageLinks: "booking",
  availability: "read",
  slots: "read",
  booking: "read",
});

/**
 * Reads RATE_LIMITS: unset for the defaults, `off` for none (tests of other things), or
 * overrides `name=points/seconds` separated by `;` or `,`, e.g. `booking-ip=5/60`.
 */
export function parseRateLimits(raw: string | undefined): RateLimits | null {
  const value = (raw ?? "").trim();
  if (value === "off" || value === "false") return null;
  const limits: Record<LimitName, Limit> = { ...DEFAULT_RATE_LIMITS };
  for (const part of value.split(/[;,]/).map((p) => p.trim()).filter(Boolean)) {
    const match = /^([a-z-]+)=(\d+)\/(\d+)$/.exec(part);
    const name = match?.[1] as LimitName | undefined;
    if (!match || !name || !LIMIT_NAMES.includes(name) || Number(match[2]) < 1 || Number(match[3]) < 1) {
      throw new Error(`RATE_LIMITS: expected "off" or name=points/seconds with a name of ${LIMIT_NAMES.join(", ")}, got "${part}"`);
    }
    limits[name] = { points: Number(match[2]), durationSeconds: Number(match[3]) };
  }
  return limits;
}
