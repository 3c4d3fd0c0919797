/** Shapes of the demo data (src/seed/demo-tenants.ts); seed.ts writes them idempotently. */

/** Text a citizen reads: German first, English second. */
export interface L10n {
  de: string;
  en: string;
}

export interface DemoService {
  /** Stable key, unique per tenant; seeding upserts by it. */
  slug: string;
  name: L10n;
  description: L10n;
  category: L10n;
  durationMinutes: number;
  /** Duration of the 2nd and further units; null = same as durationMinutes. */
  additionalUnitMinutes: number | null;
  maxQuantity: number;
  documents: L10n[];
  hints: L10n[];
  leikaKey: string | null;
  /** False = only staff may book it (phone), e.g. emergency documents. */
  onlineBookable: boolean;
}

export interface DemoScheduleRule {
  kind: "APPOINTMENT" | "WALK_IN";
  /** RRULE body, e.g. "FREQ=WEEKLY;BYDAY=TU" or "FREQ=MONTHLY;BYDAY=2SA,4SA"; null = one-off on validFrom. */
  rrule: string | null;
  /** Local wall clock "HH:MM". */
  startTime: string;
  endTime: string;
  /** Local date "YYYY-MM-DD". */
  validFrom: string;
  validUntil: string | null;
  /** Name of the counter the rule is limited to; omitted = all counters of the office. */
  counter?: string;
  note?: L10n;
}

export interface DemoClosure {
  fromDate: string;
  toDate: string;
  startTime?: string;
  endTime?: string;
  counter?: string;
  reason: L10n;
}

export interface DemoOffice {
  slug: string;
  name: L10n;
  street: string;
  postalCode: string;
  city: string;
  /** date-holidays state code, e.g. "BB". */
  holidayRegion: string | null;
  /** Shown to citizens, e.g. phone hours. */
  notes: Partial<Record<"phoneHours" | "directions" | "accessibility", L10n>>;
  counters: { name: string; services: string[] }[];
  rules: DemoScheduleRule[];
  closures: DemoClosure[];
}

export interface DemoStaffUser {
  email: string;
  name: string;
  role: "ADMIN" | "CLERK";
}

export interface DemoCustomer {
  email: string;
  name: string;
}

export interface DemoCampaign {
  slug: string;
  name: L10n;
  office: string;
  service: string;
  /** ISO instants with offset, e.g. "2027-06-10T00:00:00+02:00". */
  applicationOpensAt: string;
  applicationClosesAt: string;
  /** Local dates "YYYY-MM-DD" (inclusive) of the appointment period. */
  periodFrom: string;
  periodTo: string;
  notifyBy: string;
  confirmationDays: number;
}

export interface DemoTenant {
  slug: "demo-buergerbuero" | "demo-buergerservice" | "demo-steuerberatung";
  name: L10n;
  timeZone: string;
  locale: "de" | "en";
  /** CSS custom property values for the widget, e.g. { "--tv-color-primary": "#005ca9" }. */
  theme: Record<string, string>;
  allowedOrigins: string[];
  /** Booking policy overrides (see core's policy defaults). */
  policy: Record<string, unknown>;
  privacyUrl: string;
  contactEmail: string;
  services: DemoService[];
  offices: DemoOffice[];
  staff: DemoStaffUser[];
  customers: DemoCustomer[];
  campaigns: DemoCampaign[];
}
