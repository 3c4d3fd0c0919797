import { hashToken } from "@terminvergabe/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFIRM, createTinyOffice, HOLD, type TinyOffice } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";
import { startTestSmtpServer, type TestSmtpServer } from "../mail/testing/smtp-test-server.ts";

const now = new Date("2030-03-01T08:00:00Z");
const CHECK = /* GraphQL */ `
  query ($input: ContactCheckInput!) {
    contactCheck(input: $input) { __typename ... on ContactCheck { blocked rule max message manageLinks } ... on InputError { code field } }
  }
`;
const SEND = /* GraphQL */ `
  mutation ($input: ContactCheckInput!) {
    sendManageLinks(input: $input) { __typename ... on ManageLinksRequested { message } ... on InputError { code field } }
  }
`;
const BOOKING = /* GraphQL */ `
  query ($tenant: String!, $reference: String!, $token: String!) { booking(tenant: $tenant, reference: $reference, token: $token) { reference status } }
`;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe.each(testTargets())("the per-person limit at step 3 ($name)", (target) => {
  let h: Harness;
  let o: TinyOffice;
  let smtp: TestSmtpServer;
  let first: { reference: string; manageToken: string; id: string };

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    h = await startHarness(target, { smtpUrl: smtp.url }, { clock: () => now });
    o = await createTinyOffice(h.database.db, { slug: "haushalt", date: "2030-03-04", until: "12:00" });
    // The first household member books a passport with the family's phone number.
    const held = (await h.gql<{ holdSlot: { id: string; token: string } }>(HOLD, {
      input: { tenant: "haushalt", office: "amt", items: [{ serviceId: o.serviceId, quantity: 1 }], start: "2030-03-04T08:00:00Z" },
    })).body.data!.holdSlot;
    const done = (await h.gql<{ confirmBooking: { manageToken: string; booking: { id: string; reference: string } } }>(CONFIRM, {
      input: { holdId: held.id, token: held.token, consent: true, contact: { name: "Anna Haushalt", email: "anna@example.org", phone: "030 1234567" } },
    })).body.data!.confirmBooking;
    first = { reference: done.booking.reference, manageToken: done.manageToken, id: done.booking.id };
    await until(() => smtp.received.length === 1, "the confirmation mail");
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await smtp?.stop();
  });

  const second = (extra: Record<string, unknown> = {}) => ({ tenant: "haushalt", services: [o.serviceId], email: "ben@example.org", phone: "+49 30 1234567", ...extra });

  it("tells a second household member with the same phone number at step 3 that the passport is booked already, by the rule and not the date", async () => {
    const de = await h.gql<{ contactCheck: Record<string, unknown> }>(CHECK, { input: second() });
    expect(de.body.data?.contactCheck).toEqual({
      __typename: "ContactCheck",
      blocked: true,
      rule: "SAME_SERVICE_ALREADY_BOOKED",
      max: 1,
      message: "Mit diesen Kontaktdaten ist für das Anliegen „Reisepass“ bereits ein offener Termin gebucht. Pro Person ist je Anliegen höchstens ein offener Termin möglich.",
      manageLinks: true,
    });
    const en = await h.gql<{ contactCheck: { message: string } }>(CHECK, { input: second() }, { "accept-language": "en" });
    expect(en.body.data?.contactCheck.message).toContain("\u201cPassport\u201d is already booked");
    // Nothing about the other person's appointment: no name, no reference, no day, no time.
    for (const text of [de.body.data?.contactCheck.message, en.body.data?.contactCheck.message] as string[]) {
      expect(text).not.toMatch(/Anna|anna@|2030|04\.03|4 March|09:00|9:00/);
      expect(text).not.toContain(first.reference);
    }
  });

  it("counts open appointments against the per-person maximum with the plural the count needs", async () => {
    const other = (await h.gql<{ holdSlot: { id: string; token: string } }>(HOLD, {
      input: { tenant: "haushalt", office: "amt", items: [{ serviceId: o.secondServiceId, quantity: 1 }], start: "2030-03-04T09:00:00Z" },
    })).body.data!.holdSlot;
    const confirmed = await h.gql<{ confirmBooking: { __typename: string } }>(CONFIRM, {
      input: { holdId: other.id, token: other.token, consent: true, contact: { name: "Anna Haushalt", email: "anna@example.org" } },
    });
    expect(confirmed.body.data?.confirmBooking.__typename).toBe("BookingConfirmation");
    await until(() => smtp.received.length === 2, "the second confirmation mail");
    const check = await h.gql<{ contactCheck: { rule: string; max: number; message: string } }>(CHECK, { input: second({ phone: null, email: "Anna+x@example.org" }) });
    expect(check.body.data?.contactCheck).toMatchObject({ rule: "TOO_MANY_ACTIVE_BOOKINGS", max: 2 });
    expect(check.body.data?.contactCheck.message).toBe(
      "Mit diesen Kontaktdaten sind bereits 2 offene Termine gebucht. Pro Person sind höchstens 2 offene Termine möglich.",
    );
    await h.database.db.prisma.booking.updateMany({ where: { tenantId: o.tenantId, id: { not: first.id } }, data: { status: "CANCELLED" } });
  });

  it("does not block someone else, and names a malformed field", async () => {
    const free = await h.gql<{ contactCheck: Record<string, unknown> }>(CHECK, { input: second({ email: "carla@example.org", phone: "0401234567" }) });
    expect(free.body.data?.contactCheck).toMatchObject({ blocked: false, rule: null, message: null, manageLinks: false });
    const bad = await h.gql<{ contactCheck: Record<string, unknown> }>(CHECK, { input: second({ phone: "call me" }) });
    expect(bad.body.data?.contactCheck).toEqual({ __typename: "InputError", code: "PHONE_INVALID", field: "contact.phone" });
    const many = await h.gql<{ contactCheck: Record<string, unknown> }>(CHECK, { input: second({ services: Array.from({ length: 21 }, () => o.serviceId) }) });
    expect(many.body.data?.contactCheck).toMatchObject({ __typename: "InputError", code: "TOO_MANY_IDS" });
  });

  it("mails the manage link only to the address stored on the blocking booking, with a token that opens it, and answers the same either way", async () => {
    const before = smtp.received.length;
    const sent = await h.gql<{ sendManageLinks: { __typename: string; message: string } }>(SEND, { input: second() });
    expect(sent.body.data?.sendManageLinks.__typename).toBe("ManageLinksRequested");
    const nobody = await h.gql<{ sendManageLinks: { message: string } }>(SEND, { input: second({ email: "carla@example.org", phone: "0401234567" }) });
    expect(nobody.body.data?.sendManageLinks).toEqual(sent.body.data?.sendManageLinks);

    await until(() => smtp.received.length === before + 1, "the manage-link mail");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const mails = smtp.received.slice(before);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.recipients).toEqual(["anna@example.org"]);
    expect(smtp.received.flatMap((m) => m.recipients)).not.toContain("ben@example.org");
    const text = mail.parsed.text ?? "";
    expect(text.indexOf("Guten Tag")).toBeLessThan(text.indexOf("Hello"));
    expect(text).toContain(first.reference);
    const token = new URLSearchParams(/\/manage\/haushalt#(\S+)/.exec(text)?.[1]).get("token")!;
    expect(token).toBeTruthy();
    expect(token).not.toBe(first.manageToken);

    // The new link opens the booking, and so does the old one; only the new token's hash is stored.
    for (const t of [token, first.manageToken]) {
      const found = await h.gql<{ booking: { reference: string } | null }>(BOOKING, { tenant: "haushalt", reference: first.reference, token: t });
      expect(found.body.data?.booking?.reference).toBe(first.reference);
    }
    const row = await h.database.db.prisma.booking.findUniqueOrThrow({ where: { id: first.id } });
    expect(row.resentTokenHash).toBe(hashToken(token));
    const outbox = await h.database.db.prisma.mailOutbox.findMany({ where: { tenantId: o.tenantId, kind: "MANAGE_LINK" } });
    expect(outbox.map((m) => m.toAddress)).toEqual(["anna@example.org"]);

    // Asked again at once: the same answer, no second mail (no mail bombing of the owner).
    const again = await h.gql<{ sendManageLinks: { message: string } }>(SEND, { input: second() });
    expect(again.body.data?.sendManageLinks).toEqual(sent.body.data?.sendManageLinks);
    expect(await h.database.db.prisma.mailOutbox.count({ where: { tenantId: o.tenantId, kind: "MANAGE_LINK" } })).toBe(1);
  });
});
