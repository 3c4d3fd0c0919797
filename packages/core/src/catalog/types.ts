/** Text a citizen or clerk reads: German first, English second. */
export interface LocalizedText {
  de: string;
  en: string;
}

export type Locale = "de" | "en";

/** Picks the text for a locale, falling back to German. */
export function localize(text: LocalizedText, locale: Locale): string {
  return (locale === "en" ? text.en : text.de) || text.de;
}

/** One agency. */
export interface Tenant {
  id: string;
  slug: string;
  name: LocalizedText;
  timeZone: string;
  locale: Locale;
  /** CSS custom property values for the widget. */
  theme: Record<string, string>;
  /** Origins allowed to embed the widget / call the API from a browser. */
  allowedOrigins: string[];
  policy: TenantPolicy;
  privacyUrl: string | null;
  /** The agency's legal notice (Impressum). */
  imprintUrl: string | null;
  contactEmail: string | null;
}

export interface Address {
  street: string;
  postalCode: string;
  city: string;
}

export interface OfficeInfo {
  id: string;
  tenantId: string;
  slug: string;
  name: LocalizedText;
  address: Address;
  timeZone: string;
  holidayRegion: string | null;
  notes: Partial<Record<"phoneHours" | "directions" | "accessibility", LocalizedText>>;
}

/** A concern (Anliegen) a citizen comes for. */
export interface ServiceInfo {
  id: string;
  tenantId: string;
  slug: string;
  name: LocalizedText;
  description: LocalizedText;
  category: LocalizedText;
  durationMinutes: number;
  /** Duration of the 2nd and further units; null = durationMinutes. */
  additionalUnitMinutes: number | null;
  maxQuantity: number;
  documents: LocalizedText[];
  hints: LocalizedText[];
  leikaKey: string | null;
  onlineBookable: boolean;
}

/** A tenant's booking, anti-hoarding and privacy policy; every field has a default. */
export interface TenantPolicy {
  slotGridMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  bufferMinutes: number;
  /** Share (0..1) of each office day's appointment capacity kept for staff/phone bookings. */
  staffReserveShare: number;
  holdMinutes: number;
  /** Minutes a hold may live in total, extensions included (each extension adds a tenth of the spare time; see core hold-limits). */
  holdMaxMinutes: number;
  /** Holds one client address may keep at once in this tenant (0: no limit). */
  maxHoldsPerAddress: number;
  /**
   * Bookings confirmed from one client address per tenant and hour (0: no limit). One by
   * default: one booking takes several concerns and quantities (a family's passports), and
   * a fleet of bots on many addresses must not take more than a household each.
   */
  maxBookingsPerAddressPerHour: number;
  maxActiveBookingsPerPerson: number;
  noShowLimit: number;
  noShowWindowMonths: number;
  cancellationCutoffMinutes: number;
  cancelledSlotCooldownMinutes: number;
  requireEmailVerification: boolean;
  verificationWindowMinutes: number;
  phoneRequired: boolean;
  /** Portal customers give their membership number when registering (agencies serving members only). */
  membershipNumberRequired: boolean;
  /** An announced release (ISO instant) with a fair waiting room; "" = none. */
  releaseAt: string;
  /** Minutes before the release when the waiting room opens. */
  waitingRoomOpensMinutes: number;
  /**
   * Citizens the waiting room admits per second, in the order of their lots: the pace the
   * gateway instances can serve (each admitted citizen makes about five requests within
   * a few seconds).
   */
  waitingRoomAdmitPerSecond: number;
  /** The following release (ISO instant), told to those still waiting when this one is sold out; "" = unknown. */
  nextReleaseAt: string;
  /**
   * What a past appointment nobody marked at the desk becomes once its day is over:
   * "COMPLETED" (assume the person came) or "UNMARKED" (attendance unknown).
   */
  unmarkedPastBookings: string;
  /**
   * Days after an appointment after which the contact data of the booking (name, e-mail,
   * phone) are erased; 0 keeps them (the agency deletes by its own process).
   */
  retentionDays: number;
  /** Hours before an appointment when its reminder mail goes out; 0 sends none. */
  reminderHours: number;
}

export const DEFAULT_TENANT_POLICY: Readonly<TenantPolicy> = Object.freeze({
  slotGridMinutes: 5,
  minNoticeMinutes: 0,
  horizonDays: 56,
  bufferMinutes: 0,
  staffReserveShare: 0,
  holdMinutes: 10,
  holdMaxMinutes: 20,
  maxHoldsPerAddress: 3,
  maxBookingsPerAddressPerHour: 1,
  maxActiveBookingsPerPerson: 2,
  noShowLimit: 2,
  noShowWindowMonths: 6,
  cancellationCutoffMinutes: 0,
  cancelledSlotCooldownMinutes: 30,
  requireEmailVerification: false,
  verificationWindowMinutes: 60,
  phoneRequired: false,
  membershipNumberRequired: false,
  releaseAt: "",
  waitingRoomOpensMinutes: 15,
  waitingRoomAdmitPerSecond: 20,
  nextReleaseAt: "",
  unmarkedPastBookings: "UNMARKED",
  retentionDays: 2,
  reminderHours: 24,
});

/** The tenant's rule for past appointments nobody marked (anything but "COMPLETED" reads as "UNMARKED"). */
export function unmarkedPastBookingsOf(policy: Pick<TenantPolicy, "unmarkedPastBookings">): "COMPLETED" | "UNMARKED" {
  return policy.unmarkedPastBookings === "COMPLETED" ? "COMPLETED" : "UNMARKED";
}

/**
 * Reads a stored policy object: known keys of the right type override the defaults,
 * anything else is ignored, so a malformed row cannot break booking.
 */
export function parseTenantPolicy(raw: unknown): TenantPolicy {
  const policy: TenantPolicy = { ...DEFAULT_TENANT_POLICY };
  if (raw === null || typeof raw !== "object") return policy;
  const source = raw as Record<string, unknown>;
  for (const key of Object.keys(DEFAULT_TENANT_POLICY) as (keyof TenantPolicy)[]) {
    const value = source[key];
    if (typeof value === typeof DEFAULT_TENANT_POLICY[key]) (policy as unknown as Record<string, unknown>)[key] = value;
  }
  return policy;
}
