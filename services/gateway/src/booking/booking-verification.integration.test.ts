import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFIRM, createTinyOffice, HOLD, type TinyOffice } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

let now = new Date("2030-03-01T08:00:00Z");
const BOOKING = /* GraphQL */ `
  query ($tenant: String!, $reference: String!, $token: String!) {
    booking(tenant: $tenant, reference: $reference, token: $token) { status }
  }
`;
const VERIFY = /* GraphQL */ `
  mutation ($input: ManageBookingInput!) {
    verifyBooking(input: $input) { __typename ... on Booking { status } ... on Error { code } }
  }
`;

describe("double opt-in and downloads", () => {
  let h: Harness;
  let o: TinyOffice;
  beforeAll(async () => {
    h = await startHarness(testTargets()[0]!, {}, { clock: () => now, jobs: false });
    o = await createTinyOffice(h.database.db, {
      slug: "optin",
      date: "2030-03-04",
      until: "11:00",
      policy: { requireEmailVerification: true, verificationWindowMinutes: 60 },
    });
  });
  afterAll(async () => h?.close());

  const bookPending = async (start: string, email: string) => {
    const held = (await h.gql<{ holdSlot: { id: string; token: string } }>(HOLD, {
      input: { tenant: "optin", office: "amt", items: [{ serviceId: o.serviceId, quantity: 1 }], start },
    })).body.data!.holdSlot;
    if (!held.id) throw new Error(JSON.stringify(held));
    const done = (await h.gql<{ confirmBooking: { verificationRequired: boolean; manageToken: string; booking: { id: string; reference: string; status: string; icsUrl: string } } }>(
      CONFIRM,
      { input: { holdId: held.id, token: held.token, consent: true, contact: { name: "Vera Beispiel", email } } },
    )).body.data!.confirmBooking;
    const mail = await h.database.db.prisma.mailOutbox.findFirstOrThrow({ where: { bookingId: done.booking.id, kind: "VERIFICATION" } });
    const link = /\/manage\/optin#([^\s"<]+)/.exec(mail.textBody)?.[1];
    const params = new URLSearchParams(link);
    return { done, verifyToken: params.get("token")!, action: params.get("action") };
  };

  it("keeps the booking pending until the mailed link is used, then confirms and mails the confirmation", async () => {
    const { done, verifyToken, action } = await bookPending("2030-03-04T08:00:00Z", "vera@example.org");
    expect(done.verificationRequired).toBe(true);
    expect(done.booking.status).toBe("PENDING_VERIFICATION");
    expect(action).toBe("verify");
    const wrong = await h.gql<{ verifyBooking: { __typename: string } }>(VERIFY, { input: { tenant: "optin", reference: done.booking.reference, token: done.manageToken } });
    expect(wrong.body.data?.verifyBooking.__typename).toBe("NotFound");
    const ok = await h.gql<{ verifyBooking: { status: string } }>(VERIFY, { input: { tenant: "optin", reference: done.booking.reference, token: verifyToken } });
    expect(ok.body.data?.verifyBooking.status).toBe("CONFIRMED");
    const kinds = (await h.database.db.prisma.mailOutbox.findMany({ where: { bookingId: done.booking.id }, orderBy: { createdAt: "asc" } })).map((m) => m.kind);
    expect(kinds).toEqual(["VERIFICATION", "CONFIRMATION"]);
  });

  it("releases the slot when the link is not used in time", async () => {
    const { done, verifyToken } = await bookPending("2030-03-04T08:30:00Z", "late@example.org");
    now = new Date(now.getTime() + 61 * 60_000);
    expect(await h.app.services.booking.expireLapsed()).toBeGreaterThanOrEqual(1);
    const row = await h.database.db.prisma.booking.findUniqueOrThrow({ where: { id: done.booking.id } });
    expect(row.status).toBe("EXPIRED");
    const tooLate = await h.gql<{ verifyBooking: { __typename: string } }>(VERIFY, { input: { tenant: "optin", reference: done.booking.reference, token: verifyToken } });
    expect(tooLate.body.data?.verifyBooking.__typename).toBe("TooLate");
  });

  it("serves the .ics of a live booking to the token holder only, parseable by an independent parser", async () => {
    const { done } = await bookPending("2030-03-04T09:00:00Z", "ics@example.org");
    const url = new URL(done.booking.icsUrl);
    const response = await h.yoga.fetch(`http://localhost${url.pathname}${url.search}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/calendar/);
    const vevent = new ICAL.Component(ICAL.parse(await response.text())).getFirstSubcomponent("vevent")!;
    expect(vevent.getFirstPropertyValue("uid")).toContain(done.booking.id);
    expect((vevent.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate().toISOString()).toBe("2030-03-04T09:00:00.000Z");
    const denied = await h.yoga.fetch(`http://localhost${url.pathname}?key=wrong`);
    expect(denied.status).toBe(404);
  });

  it("keeps the confirmation's manage token and .ics link valid through verification; the mailed link manages too (issue 11.2)", async () => {
    const { done, verifyToken } = await bookPending("2030-03-04T09:30:00Z", "through@example.org");
    const verified = await h.gql<{ verifyBooking: { status: string } }>(VERIFY, { input: { tenant: "optin", reference: done.booking.reference, token: verifyToken } });
    expect(verified.body.data?.verifyBooking.status).toBe("CONFIRMED");
    const byManageToken = await h.gql<{ booking: { status: string } | null }>(BOOKING, { tenant: "optin", reference: done.booking.reference, token: done.manageToken });
    expect(byManageToken.body.data?.booking?.status).toBe("CONFIRMED");
    const url = new URL(done.booking.icsUrl);
    expect((await h.yoga.fetch(`http://localhost${url.pathname}${url.search}`)).status).toBe(200);
    const mail = await h.database.db.prisma.mailOutbox.findFirstOrThrow({ where: { bookingId: done.booking.id, kind: "CONFIRMATION" } });
    const mailed = new URLSearchParams(/\/manage\/optin#([^\s"<]+)/.exec(mail.textBody)?.[1]);
    expect(mailed.get("action")).toBeNull();
    const byMailedToken = await h.gql<{ booking: { status: string } | null }>(BOOKING, { tenant: "optin", reference: done.booking.reference, token: mailed.get("token")! });
    expect(byMailedToken.body.data?.booking?.status).toBe("CONFIRMED");
    // Clicking the verification link again shows the booking instead of an error.
    const again = await h.gql<{ verifyBooking: { status: string } }>(VERIFY, { input: { tenant: "optin", reference: done.booking.reference, token: verifyToken } });
    expect(again.body.data?.verifyBooking.status).toBe("CONFIRMED");
  });

  it("offers the .ics under a download-only key: no manage token in the URL, and the key manages nothing (issue 11.5)", async () => {
    const { done } = await bookPending("2030-03-04T08:30:00Z", "key@example.org");
    const url = new URL(done.booking.icsUrl);
    expect(done.booking.icsUrl).not.toContain(encodeURIComponent(done.manageToken));
    expect(done.booking.icsUrl).not.toContain(done.manageToken);
    const key = url.searchParams.get("key")!;
    expect(key).toBeTruthy();
    const asManage = await h.gql<{ booking: unknown }>(BOOKING, { tenant: "optin", reference: done.booking.reference, token: key });
    expect(asManage.body.data?.booking).toBeNull();
    expect((await h.yoga.fetch(`http://localhost${url.pathname}?token=${encodeURIComponent(done.manageToken)}`)).status).toBe(404);
    expect((await h.yoga.fetch(`http://localhost${url.pathname}?key=${encodeURIComponent(done.manageToken)}`)).status).toBe(404);
  });

  it("serves the manage page that embeds the widget in manage mode", async () => {
    const page = await (await h.yoga.fetch("http://localhost/manage/optin")).text();
    expect(page).toContain('<terminvergabe-booking tenant="optin" mode="manage"');
    expect((await h.yoga.fetch("http://localhost/manage/no-such-tenant")).status).toBe(404);
  });
});
