import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFIRM, createTinyOffice, type TinyOffice } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

const NOW = new Date("2030-03-01T08:00:00Z");
const DAY = "2030-03-04";
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+01:00`).toISOString();

const HOLD = /* GraphQL */ `
  mutation ($input: HoldSlotInput!) {
    holdSlot(input: $input) {
      __typename
      ... on Hold { id token start substituted }
      ... on SlotUnavailable { code alternatives { start } }
      ... on InputError { code field message }
    }
  }
`;
type HoldAnswer = { holdSlot: { __typename: string; id: string; token: string; start: string; substituted: boolean; code?: string; field?: string } };

describe.each(testTargets())("holds where the server picks the start ($name)", (target) => {
  let h: Harness;
  let o: TinyOffice;
  beforeAll(async () => {
    h = await startHarness(target, {}, { clock: () => NOW, jobs: false });
    // 09:00–11:00, one counter, 30-minute grid: four starts
    o = await createTinyOffice(h.database.db, { slug: "picks", date: DAY, until: "11:00" });
  });
  afterAll(async () => h?.close());

  const hold = (wish: Record<string, unknown>) =>
    h.gql<HoldAnswer>(HOLD, { input: { tenant: o.tenantSlug, office: o.officeId, items: [{ serviceId: o.serviceId, quantity: 1 }], ...wish } });

  it("orNearest: a taken start turns into the nearest free one, marked as substituted", async () => {
    const first = (await hold({ start: at("10:00") })).body.data?.holdSlot;
    expect(first?.__typename).toBe("Hold");
    expect(first?.substituted).toBe(false);
    const exact = (await hold({ start: at("10:00") })).body.data?.holdSlot;
    expect(exact?.__typename).toBe("SlotUnavailable");
    const nearest = (await hold({ start: at("10:00"), orNearest: true })).body.data?.holdSlot;
    expect(nearest?.__typename).toBe("Hold");
    expect(nearest?.substituted).toBe(true);
    expect(nearest?.start).toBe(at("09:30"));
  });

  it("day: the remaining free starts go to one request each, then SlotUnavailable", async () => {
    // 10:00 and 09:30 are held above: 09:00 and 10:30 remain
    const answers = await Promise.all(Array.from({ length: 6 }, () => hold({ day: DAY })));
    const held = answers.map((a) => a.body.data?.holdSlot).filter((x) => x?.__typename === "Hold");
    expect(held.map((x) => x!.start).sort()).toEqual([at("09:00"), at("10:30")]);
    const rest = answers.map((a) => a.body.data?.holdSlot?.__typename).filter((k) => k !== "Hold");
    expect(rest).toEqual(["SlotUnavailable", "SlotUnavailable", "SlotUnavailable", "SlotUnavailable"]);
  });

  it("refuses a wish without start and day, or with a malformed window, as typed input errors", async () => {
    const none = (await hold({})).body.data?.holdSlot;
    expect(none).toMatchObject({ __typename: "InputError", code: "START_OR_DAY_REQUIRED", field: "start" });
    const both = (await hold({ start: at("09:00"), day: DAY })).body.data?.holdSlot;
    expect(both).toMatchObject({ __typename: "InputError", code: "START_OR_DAY_REQUIRED" });
    const window = (await hold({ day: DAY, notBefore: "neun" })).body.data?.holdSlot;
    expect(window).toMatchObject({ __typename: "InputError", code: "MALFORMED_TIME", field: "notBefore" });
  });
});

describe.each(testTargets())("confirming is idempotent for the hold token ($name)", (target) => {
  let h: Harness;
  let o: TinyOffice;
  beforeAll(async () => {
    h = await startHarness(target, {}, { clock: () => NOW, jobs: false });
    o = await createTinyOffice(h.database.db, { slug: "replay", date: DAY, until: "11:00" });
  });
  afterAll(async () => h?.close());

  it("a repeated confirmation returns the same booking and manage token; one mail, one booking", async () => {
    const held = (
      await h.gql<HoldAnswer>(HOLD, { input: { tenant: o.tenantSlug, office: o.officeId, items: [{ serviceId: o.serviceId, quantity: 1 }], start: at("09:00") } })
    ).body.data!.holdSlot;
    type Confirmed = { confirmBooking: { __typename: string; manageToken: string; booking: { reference: string; status: string } } };
    const input = { holdId: held.id, token: held.token, consent: true, contact: { name: "Erika Muster", email: "erika@example.org" } };
    const first = (await h.gql<Confirmed>(CONFIRM, { input })).body.data!.confirmBooking;
    const again = (await h.gql<Confirmed>(CONFIRM, { input })).body.data!.confirmBooking;
    expect(first.__typename).toBe("BookingConfirmation");
    expect(again).toEqual(first);
    const wrong = (await h.gql<Confirmed>(CONFIRM, { input: { ...input, token: `${held.token.slice(0, -2)}xx` } })).body.data!.confirmBooking;
    expect(wrong.__typename).toBe("HoldExpired");
    expect(await h.database.db.prisma.booking.count({ where: { tenantId: o.tenantId, status: "CONFIRMED" } })).toBe(1);
    expect(await h.database.db.prisma.mailOutbox.count({ where: { tenantId: o.tenantId } })).toBe(1);
    // the manage link handed out twice works
    const found = await h.gql<{ booking: { reference: string } | null }>(
      `query ($t: String!, $r: String!, $k: String!) { booking(tenant: $t, reference: $r, token: $k) { reference } }`,
      { t: o.tenantSlug, r: first.booking.reference, k: again.manageToken },
    );
    expect(found.body.data?.booking?.reference).toBe(first.booking.reference);
  });
});
