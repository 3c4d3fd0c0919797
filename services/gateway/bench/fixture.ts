import type { Database } from "@terminvergabe/db";

import { prng } from "../../../packages/core/bench/prng.ts";

/** `date` plus `n` days (YYYY-MM-DD). */
export const addDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export interface BenchOffice {
  slug: string;
  tenantId: string;
  officeId: string;
  serviceIds: string[];
  counterIds: string[];
}

/**
 * A tenant with one office of `counters` counters, `services` concerns, Mon–Fri 08:00–18:00
 * and 2nd/4th Saturday 08:00–12:00 appointment hours, and `bookings` confirmed bookings in the
 * next 90 days (the core benchmark's scenario, through the real database).
 */
export async function createBenchOffice(
  db: Database,
  options: { slug: string; counters: number; services: number; bookings: number; today: string; durationMinutes?: number },
): Promise<BenchOffice> {
  const random = prng(20210901);
  const p = db.prisma;
  const tenant = await p.tenant.create({
    data: {
      slug: options.slug,
      name: { de: "Benchmark-Amt", en: "Benchmark office" },
      policy: { slotGridMinutes: 5, minNoticeMinutes: 0, horizonDays: 90, maxActiveBookingsPerPerson: 0, noShowLimit: 0, holdMinutes: 10 },
    },
  });
  const office = await p.office.create({
    data: { tenantId: tenant.id, slug: "amt", name: { de: "Amt", en: "Office" }, street: "Benchweg 1", postalCode: "12345", city: "Bench", holidayRegion: "BB" },
  });
  const services = await Promise.all(
    Array.from({ length: options.services }, (_, i) =>
      p.service.create({
        data: {
          tenantId: tenant.id,
          slug: `s${i}`,
          name: { de: `Anliegen ${i}`, en: `Concern ${i}` },
          category: { de: "Bench", en: "Bench" },
          durationMinutes: options.durationMinutes ?? 10 + (i % 4) * 5,
          maxQuantity: 3,
        },
      }),
    ),
  );
  const counterIds: string[] = [];
  for (let c = 0; c < options.counters; c++) {
    const counter = await p.counter.create({ data: { tenantId: tenant.id, officeId: office.id, name: `Schalter ${c + 1}` } });
    counterIds.push(counter.id);
    await p.counterService.createMany({
      data: services
        .filter((_, i) => i < 3 || random() < 0.6)
        .map((s) => ({ tenantId: tenant.id, counterId: counter.id, serviceId: s.id })),
    });
  }
  const validFrom = new Date(`${options.today}T00:00:00Z`);
  await p.scheduleRule.createMany({
    data: [
      { tenantId: tenant.id, officeId: office.id, kind: "APPOINTMENT", rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", startTime: "08:00", endTime: "18:00", validFrom },
      { tenantId: tenant.id, officeId: office.id, kind: "APPOINTMENT", rrule: "FREQ=MONTHLY;BYDAY=2SA,4SA", startTime: "08:00", endTime: "12:00", validFrom },
    ],
  });
  // bookings on a 20-minute lattice per counter, so they never overlap
  const base = Date.parse(`${options.today}T07:00:00Z`);
  const rows = [];
  const used = new Set<string>();
  while (rows.length < options.bookings) {
    const day = 1 + Math.floor(random() * 89);
    const slot = Math.floor(random() * 30);
    const counter = Math.floor(random() * options.counters);
    const key = `${day}:${slot}:${counter}`;
    if (used.has(key)) continue;
    used.add(key);
    const start = new Date(base + day * 86_400_000 + slot * 20 * 60_000);
    rows.push({
      tenantId: tenant.id,
      officeId: office.id,
      counterId: counterIds[counter]!,
      status: "CONFIRMED" as const,
      channel: "ONLINE" as const,
      startsAt: start,
      endsAt: new Date(start.getTime() + 15 * 60_000),
      reference: `B${rows.length.toString(36).toUpperCase().padStart(7, "0")}`,
      emailNormalized: `b${rows.length}@example.org`,
    });
  }
  for (let i = 0; i < rows.length; i += 500) await p.booking.createMany({ data: rows.slice(i, i + 500) });
  return { slug: options.slug, tenantId: tenant.id, officeId: office.id, serviceIds: services.map((s) => s.id), counterIds };
}
