import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFIRM, createTinyOffice, HOLD, type TinyOffice } from "../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../test/harness.ts";
import { COMPILE_AFTER_RUNS } from "./compiled-execution.ts";

const NOW = new Date("2030-03-01T08:00:00Z");
const RUNS = COMPILE_AFTER_RUNS + 3;

describe("compiled execution answers exactly as the interpreter", () => {
  let h: Harness;
  let office: TinyOffice;
  beforeAll(async () => {
    h = await startHarness(testTargets()[0]!, {}, { clock: () => NOW, jobs: false });
    office = await createTinyOffice(h.database.db, { slug: "jit", date: "2030-03-04", until: "12:00" });
  });
  afterAll(async () => h?.close());

  /** The answers of `RUNS` identical requests: the first ones interpreted, the later ones compiled. */
  const answers = async (query: string, variables: () => Record<string, unknown>) => {
    const out = [];
    for (let i = 0; i < RUNS; i++) {
      const { status, body } = await h.gql(query, variables());
      out.push({ status, body });
    }
    return out;
  };
  const items = () => [{ serviceId: office.serviceId, quantity: 1 }];

  it("for a calendar, a day's slots, typed errors (returned and thrown), a refused field and a variable error", async () => {
    const cases: [string, () => Record<string, unknown>][] = [
      [
        `query ($items: [RequestItemInput!]!) { availability(tenant: "jit", office: "amt", items: $items, from: "2030-03-01", to: "2030-03-10") {
           __typename ... on AvailabilityCalendar { days { date status freeSlots } } ... on Error { message code } } }`,
        () => ({ items: items() }),
      ],
      [`query ($items: [RequestItemInput!]!) { slots(tenant: "jit", office: "amt", items: $items, date: "2030-03-04") { __typename ... on SlotList { slots { start end } } } }`, () => ({ items: items() })],
      [`query ($items: [RequestItemInput!]!) { slots(tenant: "nope", office: "amt", items: $items, date: "2030-03-04") { __typename ... on Error { message code } } }`, () => ({ items: items() })],
      [`query ($items: [RequestItemInput!]!) { slots(tenant: "jit", office: "amt", items: $items, date: "2030-03-04") { __typename } }`, () => ({ items: [{ serviceId: office.serviceId, quantity: "x" }] })],
      [CONFIRM, () => ({ input: { holdId: "00000000-0000-4000-8000-000000000000", token: "t", consent: false, contact: { name: "A", email: "a@example.org" } } })],
      // A thrown error (in `errors`, not a union answer): graphql-jit's carried no `locations`.
      [`query { dayList(tenant: "jit", office: "amt", date: "2030-03-04") { __typename } }`, () => ({})],
    ];
    const firsts = [];
    for (const [query, variables] of cases) {
      const all = await answers(query, variables);
      for (const later of all.slice(1)) expect(later).toEqual(all[0]);
      firsts.push(all[0]!);
    }
    // What the interpreter said, so the comparison above is about something.
    expect(firsts.map((a) => a.status)).toEqual([200, 200, 200, 400, 200, 200]);
    expect(JSON.stringify(firsts[2]!.body)).toMatch(/UNKNOWN_TENANT/);
    expect(JSON.stringify(firsts[4]!.body)).toMatch(/CONSENT_REQUIRED/);
    expect(firsts[5]!.body).toEqual({ data: null, errors: [{ message: expect.any(String), path: ["dayList"], extensions: { code: "NOT_ALLOWED" } }] });
  });

  it("for holds and confirmations: each compiled run books, and a taken start is SlotUnavailable as before", async () => {
    const starts = Array.from({ length: RUNS }, (_, i) => new Date(Date.parse("2030-03-04T08:00:00Z") + i * 30 * 60_000).toISOString());
    for (let i = 0; i < RUNS; i++) {
      const input = { tenant: "jit", office: "amt", items: items(), start: starts[i] };
      const hold = await h.gql<{ holdSlot: { __typename: string; id: string; token: string } }>(HOLD, { input });
      expect(hold.body.data?.holdSlot.__typename).toBe("Hold");
      const again = await h.gql<{ holdSlot: { __typename: string } }>(HOLD, { input });
      expect(again.body.data?.holdSlot.__typename).toBe("SlotUnavailable");
      const { id, token } = hold.body.data!.holdSlot;
      const done = await h.gql<{ confirmBooking: { __typename: string } }>(CONFIRM, {
        input: { holdId: id, token, consent: true, contact: { name: `Person ${i}`, email: `jit${i}@example.org` } },
      });
      expect(done.body.data?.confirmBooking.__typename).toBe("BookingConfirmation");
    }
    expect(await h.database.db.prisma.booking.count({ where: { tenantId: office.tenantId, status: "CONFIRMED" } })).toBe(RUNS);
  });
});
