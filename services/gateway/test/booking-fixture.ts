import type { Database } from "@terminvergabe/db";

export interface TinyOffice {
  tenantSlug: string;
  tenantId: string;
  officeId: string;
  serviceId: string;
  secondServiceId: string;
}

/**
 * A tenant with one office whose counters open on one day only, 09:00–`until` Berlin
 * time, for a 30-minute concern: tests control exactly how many starts exist.
 */
export async function createTinyOffice(
  db: Database,
  options: { slug: string; date: string; until: string; counters?: number; policy?: Record<string, unknown> },
): Promise<TinyOffice> {
  const p = db.prisma;
  const tenant = await p.tenant.create({
    data: {
      slug: options.slug,
      name: { de: "Testamt", en: "Test office" },
      allowedOrigins: ["http://localhost:4001"],
      contactEmail: "amt@example.org",
      policy: { slotGridMinutes: 30, minNoticeMinutes: 0, horizonDays: 60, maxActiveBookingsPerPerson: 2, ...options.policy },
    },
  });
  const office = await p.office.create({
    data: { tenantId: tenant.id, slug: "amt", name: { de: "Amt", en: "Office" }, street: "Testweg 1", postalCode: "12345", city: "Teststadt" },
  });
  const service = await p.service.create({
    data: {
      tenantId: tenant.id,
      slug: "pass",
      name: { de: "Reisepass", en: "Passport" },
      category: { de: "Ausweise", en: "IDs" },
      durationMinutes: 30,
      maxQuantity: 2,
      documents: [{ de: "Passbild", en: "Passport photo" }],
      hints: [{ de: "Gebühr mit EC-Karte", en: "Fee by debit card" }],
    },
  });
  const second = await p.service.create({
    data: { tenantId: tenant.id, slug: "melde", name: { de: "Meldebescheinigung", en: "Registration certificate" }, category: { de: "Melde", en: "Reg" }, durationMinutes: 30 },
  });
  for (let i = 1; i <= (options.counters ?? 1); i++) {
    const counter = await p.counter.create({ data: { tenantId: tenant.id, officeId: office.id, name: `Schalter ${i}` } });
    await p.counterService.createMany({
      data: [
        { tenantId: tenant.id, counterId: counter.id, serviceId: service.id },
        { tenantId: tenant.id, counterId: counter.id, serviceId: second.id },
      ],
    });
  }
  await p.scheduleRule.create({
    data: {
      tenantId: tenant.id,
      officeId: office.id,
      kind: "APPOINTMENT",
      rrule: null,
      startTime: "09:00",
      endTime: options.until,
      validFrom: new Date(`${options.date}T00:00:00Z`),
    },
  });
  return { tenantSlug: options.slug, tenantId: tenant.id, officeId: office.id, serviceId: service.id, secondServiceId: second.id };
}

export const HOLD = /* GraphQL */ `
  mutation ($input: HoldSlotInput!) {
    holdSlot(input: $input) {
      __typename
      ... on Hold { id token start end expiresAt }
      ... on SlotUnavailable { code message alternatives { start } }
      ... on Error { code message }
    }
  }
`;

export const CONFIRM = /* GraphQL */ `
  mutation ($input: ConfirmBookingInput!) {
    confirmBooking(input: $input) {
      __typename
      ... on BookingConfirmation { manageToken verificationRequired booking { id reference status start end icsUrl } }
      ... on InputError { code message field }
      ... on Error { code message }
    }
  }
`;
