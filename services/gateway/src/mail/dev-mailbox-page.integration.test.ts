import { simpleParser } from "mailparser";
import { type TestDatabase, testTargets } from "@terminvergabe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../logger.ts";
import { devMailboxResponse } from "./dev-mailbox-page.ts";
import { createDevMailboxTransport } from "./mail-transport.ts";
import { startOutboxWorker } from "./outbox-worker.ts";
import { createTenant, insertOutboxRow, parseIcs, sampleMailData } from "./testing/mail-fixtures.ts";

const page = (t: TestDatabase, path: string) => devMailboxResponse(t.db, new URL(path, "http://localhost:4000"));

describe.each(testTargets())("dev mailbox at /dev/mail ($name)", (target) => {
  let t: TestDatabase;
  let confirmationId: string;
  let verificationId: string;
  const raw: Buffer[] = [];

  beforeAll(async () => {
    t = await target.create();
    const tenant = await createTenant(t.db, "dev-mailbox");
    confirmationId = (await insertOutboxRow(t.db, tenant.id, sampleMailData())).id;
    verificationId = (
      await insertOutboxRow(
        t.db,
        tenant.id,
        sampleMailData({
          kind: "VERIFICATION",
          locale: "en",
          booking: { ...sampleMailData().booking, contactName: "<script>alert(1)</script>" },
          verifyUrl: "https://termine.example/verify?token=v",
          verifyDeadline: new Date("2030-06-20T10:30:00Z"),
        }),
      )
    ).id;
    const transport = createDevMailboxTransport({
      from: { name: "Terminvergabe", address: "noreply@localhost" },
      onMessage: (message) => raw.push(message),
    });
    const worker = startOutboxWorker({ db: t.db, transport, logger: createLogger("silent"), intervalMs: 0 });
    expect(await worker.runOnce()).toEqual({ sent: 2, failed: 0 });
    await worker.stop();
  });
  afterAll(async () => t?.dispose());

  it("delivers without network: the composed MIME message is complete, and the row is SENT", async () => {
    expect(raw).toHaveLength(2);
    const parsed = await Promise.all(raw.map((r) => simpleParser(r)));
    const confirmation = parsed.find((p) => p.messageId === `<${confirmationId}@localhost>`)!;
    expect(confirmation.attachments.some((a) => a.contentType === "text/calendar")).toBe(true);
    const rows = await t.db.prisma.mailOutbox.findMany();
    expect(rows.every((r) => r.status === "SENT")).toBe(true);
  });

  it("lists the mails with recipient, subject, status and time, German by default and English on request", async () => {
    const res = await page(t, "/dev/mail");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    const body = await res.text();
    expect(body).toContain('<html lang="de">');
    expect(body).toContain("Dev-Postfach");
    expect(body).toContain("erika@example.org");
    expect(body).toContain("Terminbestätigung: Di., 2. Juli 2030, 09:00 Uhr – Buchungsnummer K7QF-M2XA");
    expect(body).toContain("versendet");
    expect(body).toContain(`href="/dev/mail?id=${confirmationId}"`);

    const en = await (await page(t, "/dev/mail?lang=en")).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain("Dev mailbox");
    expect(en).toContain(`href="/dev/mail?id=${confirmationId}&amp;lang=en"`);
    expect(en).toContain(">sent<");
  });

  it("shows one mail: plain text escaped, HTML in a sandboxed frame, and the .ics to download", async () => {
    const body = await (await page(t, `/dev/mail?id=${confirmationId}`)).text();
    expect(body).toContain("Biometrisches Passfoto");
    expect(body).toMatch(/<iframe title="HTML-Fassung der E-Mail" sandbox="allow-popups allow-popups-to-escape-sandbox"[^>]* srcdoc="&lt;base target=&quot;_blank&quot;&gt;&lt;!doctype html&gt;/);
    expect(body).toContain(`href="/dev/mail?id=${confirmationId}&amp;ics=1"`);
    expect(body).toContain("METHOD:REQUEST");

    const ics = await page(t, `/dev/mail?id=${confirmationId}&ics=1`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toBe("text/calendar; charset=utf-8; method=REQUEST");
    expect(ics.headers.get("content-disposition")).toBe('attachment; filename="termin.ics"');
    expect(parseIcs(await ics.text()).method).toBe("REQUEST");
  });

  it("never lets a mail's content into the page unescaped", async () => {
    const body = await (await page(t, `/dev/mail?id=${verificationId}&lang=en`)).text();
    expect(body).not.toContain("<script>alert(1)</script>");
    expect(body).toContain("Dear &lt;script&gt;alert(1)&lt;/script&gt;,");
    // inside srcdoc the mail's own escaping is escaped once more
    expect(body).toContain("&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;");
    expect(body).not.toContain("ics=1");
  });

  it("answers 404 for an unknown or malformed id and for a missing .ics", async () => {
    expect((await page(t, "/dev/mail?id=00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await page(t, "/dev/mail?id=';drop table x")).status).toBe(404);
    expect((await page(t, `/dev/mail?id=${verificationId}&ics=1`)).status).toBe(404);
  });
});
