import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

// Friday 20 November 2026, 10:00 in Berlin.
const NOW = new Date("2026-11-20T09:00:00Z");

const AVAILABILITY = /* GraphQL */ `
  query ($office: String!, $items: [RequestItemInput!]!, $from: Date!, $to: Date!) {
    availability(tenant: "demo-buergerservice", office: $office, items: $items, from: $from, to: $to) {
      __typename
      ... on AvailabilityCalendar { days { date status freeSlots walkInWindows { start end } } }
      ... on InputError { code message field }
    }
  }
`;
const SLOTS = /* GraphQL */ `
  query ($office: String!, $items: [RequestItemInput!]!, $date: Date!) {
    slots(tenant: "demo-buergerservice", office: $office, items: $items, date: $date) {
      __typename
      ... on SlotList { date slots { start end } }
      ... on InputError { code message field }
    }
  }
`;

type Day = { date: string; status: string; freeSlots: number; walkInWindows: { start: string; end: string }[] };

describe.each(testTargets())("availability and slots on case B ($name)", (target) => {
  let h: Harness;
  let office: string;
  let services: { id: string; slug: string; maxQuantity: number; onlineBookable: boolean }[];
  beforeAll(async () => {
    h = await startHarness(target, {}, { clock: () => NOW });
    const { body } = await h.gql<{ tenant: { offices: { id: string }[]; services: typeof services } }>(
      `{ tenant(slug: "demo-buergerservice") { offices { id } services { id slug maxQuantity onlineBookable } } }`,
    );
    office = body.data!.tenant.offices[0]!.id;
    services = body.data!.tenant.services;
  });
  afterAll(async () => h?.close());

  const online = () => services.find((s) => s.onlineBookable)!;

  it("shows walk-in Mondays and Thursdays, appointment days, 2nd/4th Saturdays and closed Sundays", async () => {
    const { body } = await h.gql<{ availability: { days: Day[] } }>(AVAILABILITY, {
      office,
      items: [{ serviceId: online().id, quantity: 1 }],
      from: "2026-11-23",
      to: "2026-12-13",
    });
    const byDate = new Map(body.data!.availability.days.map((d) => [d.date, d]));
    expect(byDate.get("2026-11-23")?.status).toBe("WALK_IN_ONLY"); // Monday
    expect(byDate.get("2026-11-23")?.walkInWindows).toEqual([
      { start: "2026-11-23T08:00:00.000Z", end: "2026-11-23T10:30:00.000Z" },
      { start: "2026-11-23T12:00:00.000Z", end: "2026-11-23T14:00:00.000Z" },
    ]);
    expect(byDate.get("2026-11-26")?.status).toBe("WALK_IN_ONLY"); // Thursday
    for (const day of ["2026-11-24", "2026-11-25", "2026-11-27"]) expect(byDate.get(day)?.status).toBe("AVAILABLE");
    expect(byDate.get("2026-11-28")?.status).toBe("AVAILABLE"); // 4th Saturday
    expect(byDate.get("2026-12-05")?.status).toBe("CLOSED"); // 1st Saturday
    expect(byDate.get("2026-12-12")?.status).toBe("AVAILABLE"); // 2nd Saturday
    expect(byDate.get("2026-11-29")?.status).toBe("CLOSED"); // Sunday
  });

  it("lists a Friday's free times inside 08:00–12:00 Berlin time", async () => {
    const { body } = await h.gql<{ slots: { slots: { start: string; end: string }[] } }>(SLOTS, {
      office,
      items: [{ serviceId: online().id, quantity: 1 }],
      date: "2026-11-27",
    });
    const slots = body.data!.slots.slots;
    expect(slots.length).toBeGreaterThan(5);
    expect(slots[0]!.start).toBe("2026-11-27T07:00:00.000Z");
    expect(slots.every((s) => s.end <= "2026-11-27T11:00:00.000Z")).toBe(true);
  });

  it.each([
    ["an unknown office", { office: "no-such-office" }, "UNKNOWN_OFFICE", "office"],
    ["an unknown concern", { items: [{ serviceId: "00000000-0000-4000-8000-000000000000", quantity: 1 }] }, "UNKNOWN_SERVICE", "items"],
    ["a quantity above the maximum", { items: "tooMany" }, "INVALID_QUANTITY", "items"],
    ["an empty request", { items: [] }, "EMPTY_REQUEST", "items"],
    ["a range longer than the horizon", { to: "2027-06-30" }, "RANGE_EXCEEDS_HORIZON", "to"],
    ["a range ending before it starts", { to: "2026-11-01" }, "INVALID_RANGE", "to"],
    ["a staff-only concern", { items: "staffOnly" }, "NOT_BOOKABLE_ONLINE", "items"],
  ] as [string, Record<string, unknown>, string, string][])("answers %s with a typed, translated InputError", async (_name, change, code, field) => {
    const base = { office, items: [{ serviceId: online().id, quantity: 1 }], from: "2026-11-23", to: "2026-11-30" };
    const vars: Record<string, unknown> = { ...base, ...change };
    if (vars.items === "tooMany") vars.items = [{ serviceId: online().id, quantity: online().maxQuantity + 1 }];
    if (vars.items === "staffOnly") vars.items = [{ serviceId: services.find((s) => !s.onlineBookable)!.id, quantity: 1 }];
    const de = await h.gql<{ availability: { __typename: string; code: string; field: string; message: string } }>(AVAILABILITY, vars);
    expect(de.body.data?.availability).toMatchObject({ __typename: "InputError", code, field });
    const en = await h.gql<{ availability: { message: string } }>(AVAILABILITY, vars, { "accept-language": "en" });
    expect(en.body.data?.availability.message).not.toBe(de.body.data?.availability.message);
    expect(en.body.data?.availability.message).toMatch(/^[A-Z]/);
  });

  it("rejects a malformed or impossible date before resolving", async () => {
    for (const date of ["2026-02-30", "27.11.2026", "tomorrow"]) {
      const { status, body } = await h.gql(SLOTS, { office, items: [{ serviceId: online().id, quantity: 1 }], date });
      expect(status).toBeLessThan(500);
      expect(body.errors?.[0]?.message).toMatch(/Date|Datum/);
    }
  });

  it("never answers an unknown tenant with another tenant's data", async () => {
    const { body } = await h.gql(
      `{ slots(tenant: "demo-buergerbuero", office: "${office}", items: [{ serviceId: "${online().id}", quantity: 1 }], date: "2026-11-27") { __typename ... on InputError { code } } }`,
    );
    expect(body.data).toEqual({ slots: { __typename: "InputError", code: "UNKNOWN_OFFICE" } });
  });
});
