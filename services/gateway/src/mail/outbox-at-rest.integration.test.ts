import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFIRM, createTinyOffice, HOLD, type TinyOffice } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";
import { createLogger } from "../logger.ts";
import { createSmtpTransport } from "./mail-transport.ts";
import { startOutboxWorker } from "./outbox-worker.ts";
import { startSmtpSink } from "./testing/smtp-sink.ts";

const BOOKING = /* GraphQL */ `
  query ($tenant: String!, $reference: String!, $token: String!) {
    booking(tenant: $tenant, reference: $reference, token: $token) { reference status }
  }
`;
const DAY = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

/** Every token-looking value in a text: query/fragment parameters named like tokens. */
const tokensIn = (text: string) => [...text.matchAll(/token=([A-Za-z0-9_-]{16,})/g)].map((m) => m[1]!);

/**
 * Issue 16, item 10: a manage token copied from the outbox table opened the booking. Now
 * an undelivered mail's bodies are sealed with MAIL_KEY and a delivered one's are gone.
 */
describe("no usable token at rest in the outbox", () => {
  let h: Harness;
  let o: TinyOffice;
  beforeAll(async () => {
    h = await startHarness(testTargets()[0]!, { mailKey: randomBytes(32) }, { jobs: false });
    o = await createTinyOffice(h.database.db, { slug: "rest", date: DAY, until: "12:00" });
  });
  afterAll(async () => h?.close());

  it("a token taken from the table does not open the booking; the delivered mail's does", async () => {
    const held = (await h.gql<{ holdSlot: { __typename: string; id: string; token: string } }>(HOLD, {
      input: { tenant: o.tenantSlug, office: "amt", items: [{ serviceId: o.serviceId, quantity: 1 }], start: `${DAY}T09:00:00Z` },
    })).body.data!.holdSlot;
    expect(held.__typename).toBe("Hold");
    const done = (await h.gql<{ confirmBooking: { __typename: string; manageToken: string; booking: { id: string; reference: string } } }>(CONFIRM, {
      input: { holdId: held.id, token: held.token, consent: true, contact: { name: "Erika", email: "erika@example.org" } },
    })).body.data!.confirmBooking;
    expect(done.__typename).toBe("BookingConfirmation");
    const opens = async (token: string) =>
      (await h.gql<{ booking: unknown }>(BOOKING, { tenant: o.tenantSlug, reference: done.booking.reference, token })).body.data?.booking != null;
    expect(await opens(done.manageToken)).toBe(true);

    // Undelivered: everything stored is sealed; nothing in the row is the token or opens the booking.
    const [row] = await h.database.db.sql.query<Record<string, string | null>>(`SELECT * FROM "MailOutbox" WHERE "bookingId" = $1::uuid`, [done.booking.id]);
    const stored = Object.values(row!).map((v) => String(v ?? "")).join("\n");
    expect(stored).not.toContain(done.manageToken);
    expect(row!.textBody).toMatch(/^tv-sealed-1:/);
    for (const token of tokensIn(stored)) expect(await opens(token)).toBe(false);

    // Delivered over SMTP: the mail carries the working link, the row no body at all.
    const sink = await startSmtpSink();
    const raw: string[] = [];
    const transport = createSmtpTransport({ url: sink.url, from: { name: "T", address: "noreply@example.org" } });
    const sending = { ...transport, send: async (mail: Parameters<typeof transport.send>[0]) => (raw.push(mail.text), transport.send(mail)) };
    const worker = startOutboxWorker({ db: h.database.db, transport: sending, logger: createLogger("silent"), intervalMs: 0, cipher: h.app.services.mailCipher });
    expect((await worker.runOnce()).sent).toBeGreaterThanOrEqual(1);
    await worker.stop();
    await transport.close();
    await sink.close();
    const mailed = tokensIn(decodeURIComponent(raw.join("\n")));
    expect(mailed).toContain(done.manageToken);
    const [after] = await h.database.db.sql.query<Record<string, string | null>>(
      `SELECT status::text AS status, "textBody", "htmlBody", "icsContent" FROM "MailOutbox" WHERE "bookingId" = $1::uuid`,
      [done.booking.id],
    );
    expect(after).toEqual({ status: "SENT", textBody: "", htmlBody: null, icsContent: null });
  });

  it("portal and lottery mails (verification link) are sealed too", async () => {
    const tenant = (await h.app.services.tenants.bySlug(o.tenantSlug))!;
    await h.app.services.customers.register(tenant, { name: "Max", email: "max@example.org", password: "correct horse battery staple 42", consent: true, locale: "de" });
    const [row] = await h.database.db.sql.query<{ textBody: string; htmlBody: string | null }>(
      `SELECT "textBody", "htmlBody" FROM "MailOutbox" WHERE "toAddress" = 'max@example.org'`,
    );
    expect(row!.textBody).toMatch(/^tv-sealed-1:/);
    expect(tokensIn(row!.textBody)).toEqual([]);
    expect(h.app.services.mailCipher.open(row!.textBody)).toMatch(/token=/);
  });
});
