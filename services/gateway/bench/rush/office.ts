import type { Database } from "@terminvergabe/db";
import { addDays } from "../fixture.ts";

export interface RushOffice {
  tenant: string;
  tenantId: string;
  office: string;
  counters: number;
  /** First and last day with appointment hours (tomorrow … six weeks on). */
  firstDay: string;
  lastDay: string;
}

/**
 * The rush's agency: a citizens' service like the demo's mid-size city (case B) —
 * appointments Tue and Wed 09:00–11:30, Fri 08:00–12:00 and every 2nd and 4th Saturday
 * 08:00–12:00, walk-in hours on Mon, Tue afternoon and Thu — released for six weeks at once,
 * from tomorrow on: that release is the opening the rush is about.
 *
 * Three online concerns of 15 minutes on a 15-minute grid, all served by every counter: the
 * starts of one counter never overlap, so the free (counter, start) pairs at the opening are
 * exactly the free start times × counters, and every booking uses up exactly one of them.
 * With 6 counters that is about 1,600 appointments (no public holidays: no holiday region).
 */
export async function createRushOffice(
  db: Database,
  options: { slug: string; counters: number; today: string; release?: { at: Date; admitPerSecond: number } },
): Promise<RushOffice> {
  const p = db.prisma;
  const tenant = await p.tenant.create({
    data: {
      slug: options.slug,
      name: { de: "Rush-Stadt – Bürgerservice", en: "Rush City – Citizens' Service" },
      contactEmail: "buergerservice@example.org",
      policy: {
        slotGridMinutes: 15,
        minNoticeMinutes: 0,
        horizonDays: 60,
        holdMinutes: 10,
        maxActiveBookingsPerPerson: 1,
        noShowLimit: 2,
        cancellationCutoffMinutes: 60,
        requireEmailVerification: true,
        verificationWindowMinutes: 60,
        phoneRequired: false,
        ...(options.release
          ? { releaseAt: options.release.at.toISOString(), waitingRoomOpensMinutes: 15, waitingRoomAdmitPerSecond: options.release.admitPerSecond }
          : {}),
      },
    },
  });
  const office = await p.office.create({
    data: { tenantId: tenant.id, slug: "rathaus", name: { de: "Bürgerservice im Rathaus", en: "Citizens' service, town hall" }, street: "Markt 1", postalCode: "12345", city: "Rush-Stadt" },
  });
  const concerns = [
    ["personalausweis", "Personalausweis", "ID card"],
    ["reisepass", "Reisepass", "Passport"],
    ["anmeldung", "Anmeldung, Ummeldung", "Registering an address"],
  ] as const;
  const services = [];
  for (const [slug, de, en] of concerns) {
    services.push(
      await p.service.create({
        data: { tenantId: tenant.id, slug, name: { de, en }, category: { de: "Bürgerservice", en: "Citizens' service" }, durationMinutes: 15, maxQuantity: 1 },
      }),
    );
  }
  for (let i = 1; i <= options.counters; i++) {
    const counter = await p.counter.create({ data: { tenantId: tenant.id, officeId: office.id, name: `Schalter ${i}` } });
    await p.counterService.createMany({ data: services.map((s) => ({ tenantId: tenant.id, counterId: counter.id, serviceId: s.id })) });
  }
  const firstDay = addDays(options.today, 1);
  const lastDay = addDays(options.today, 42);
  const validFrom = new Date(`${firstDay}T00:00:00Z`);
  const validUntil = new Date(`${lastDay}T00:00:00Z`);
  const rule = (kind: "APPOINTMENT" | "WALK_IN", rrule: string, startTime: string, endTime: string) => ({
    tenantId: tenant.id,
    officeId: office.id,
    kind,
    rrule,
    startTime,
    endTime,
    validFrom,
    validUntil,
  });
  await p.scheduleRule.createMany({
    data: [
      rule("WALK_IN", "FREQ=WEEKLY;BYDAY=MO,TH", "09:00", "11:30"),
      rule("WALK_IN", "FREQ=WEEKLY;BYDAY=MO,TH", "13:00", "15:00"),
      rule("APPOINTMENT", "FREQ=WEEKLY;BYDAY=TU,WE", "09:00", "11:30"),
      rule("WALK_IN", "FREQ=WEEKLY;BYDAY=TU", "14:00", "18:00"),
      rule("APPOINTMENT", "FREQ=WEEKLY;BYDAY=FR", "08:00", "12:00"),
      rule("APPOINTMENT", "FREQ=MONTHLY;BYDAY=2SA,4SA", "08:00", "12:00"),
    ],
  });
  return { tenant: options.slug, tenantId: tenant.id, office: "rathaus", counters: options.counters, firstDay, lastDay };
}
