import { addDays } from "./fixture.ts";
import { bookingFigures, postGraphQL as post } from "./load.ts";


/**
 * Bookable starts of a bench office (see fixture.ts) on its 10-minute lattice, so that
 * starts never overlap on one counter, from tomorrow on until `count` × counters are reached.
 */
export async function bookableStarts(url: string, tenant: string, serviceId: string, today: string, attempts: number, counters: number): Promise<string[]> {
  const starts: string[] = [];
  for (let d = 1; d < 80 && starts.length * counters < attempts; d++) {
    const answer = (await post(
      url,
      `query ($items: [RequestItemInput!]!, $date: Date!) { slots(tenant: "${tenant}", office: "amt", items: $items, date: $date) { ... on SlotList { slots { start } } } }`,
      { items: [{ serviceId, quantity: 1 }], date: addDays(today, d) },
    )) as unknown as { data: { slots: { slots?: { start: string }[] } } };
    for (const s of answer.data.slots.slots ?? []) if (new Date(s.start).getUTCMinutes() % 10 === 0) starts.push(s.start);
  }
  // Each distinct start once per counter, round-robin, so concurrent clients rarely aim at one time.
  return Array.from({ length: counters }, () => starts).flat().slice(0, attempts);
}

export interface BookingRun {
  bookings: number;
  conflicts: number;
  failures: number;
  seconds: number;
  bookingsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * `clients` closed-loop clients book the queued starts: holdSlot, then confirmBooking, each
 * client on one of `urls` (round-robin over clients, as a load balancer would spread them).
 */
export async function runBookings(options: { urls: string[]; tenant: string; serviceId: string; queue: readonly string[]; clients: number }): Promise<BookingRun> {
  const latencies: number[] = [];
  let conflicts = 0;
  let failures = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: options.clients }, async (_, client) => {
      const url = options.urls[client % options.urls.length] as string;
      while (next < options.queue.length) {
        const i = next++;
        const start = performance.now();
        const held = await post(url, `mutation ($input: HoldSlotInput!) { holdSlot(input: $input) { __typename ... on Hold { id token } } }`, {
          input: { tenant: options.tenant, office: "amt", items: [{ serviceId: options.serviceId, quantity: 1 }], start: options.queue[i] },
        });
        const hold = held.data?.holdSlot;
        if (hold?.__typename !== "Hold") {
          hold?.__typename === "SlotUnavailable" ? conflicts++ : failures++;
          continue;
        }
        const done = await post(url, `mutation ($input: ConfirmBookingInput!) { confirmBooking(input: $input) { __typename } }`, {
          input: { holdId: hold.id, token: hold.token, consent: true, contact: { name: `Bench ${i}`, email: `bench${i}@example.org` } },
        });
        if (done.data?.confirmBooking?.__typename === "BookingConfirmation") latencies.push(performance.now() - start);
        else failures++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { ...bookingFigures(latencies, seconds), conflicts, failures, seconds: Math.round(seconds * 100) / 100 };
}
