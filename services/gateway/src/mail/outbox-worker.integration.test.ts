import { randomUUID } from "node:crypto";
import { type Database, openDatabase } from "@terminvergabe/db";
import { type TestDatabase, testTargets } from "@terminvergabe/db/testing";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../logger.ts";
import { createSmtpTransport, type MailTransport } from "./mail-transport.ts";
import { type OutboxWorker, startOutboxWorker } from "./outbox-worker.ts";
import { createTenant, insertOutboxRow, parseIcs, sampleMailData } from "./testing/mail-fixtures.ts";
import { type ReceivedMail, startTestSmtpServer, type TestSmtpServer } from "./testing/smtp-test-server.ts";

const logger = createLogger("silent");
const from = { name: "Terminvergabe", address: "noreply@termine.example" };
const retry = { baseMs: 60_000, maxMs: 3_600_000, maxAttempts: 12 };

/** A test clock that only moves when told to. */
function testClock(start = Date.now()) {
  let now = start;
  return {
    clock: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

function calendarPart(mail: ReceivedMail) {
  const part = mail.parsed.attachments.find((a) => a.contentType === "text/calendar");
  if (!part) throw new Error("no text/calendar part");
  const header = part.headers.get("content-type") as { params: Record<string, string> };
  return { mimeMethod: header.params.method, ics: parseIcs(part.content.toString("utf8")) };
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function bookingData(overrides: Parameters<typeof sampleMailData>[0] = {}) {
  const base = sampleMailData();
  return sampleMailData({ ...overrides, booking: { ...base.booking, id: randomUUID(), ...overrides.booking } });
}

describe.each(testTargets())("outbox delivery through a real SMTP server ($name)", (target) => {
  let t: TestDatabase;
  let smtp: TestSmtpServer;
  let tenantId: string;
  const cleanup: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    t = await target.create({ poolSize: 10 });
    tenantId = (await createTenant(t.db, `mail-${target.name}`)).id;
  });
  afterAll(async () => t?.dispose());

  beforeEach(async () => {
    await t.db.prisma.mailOutbox.deleteMany();
    smtp = await startTestSmtpServer();
  });
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
    await smtp.stop();
  });

  /** A worker on its own SMTP transport, stopped and closed after the test. */
  function worker(options: {
    db?: Database;
    clock: () => Date;
    transport?: MailTransport;
    batchSize?: number;
    concurrency?: number;
    retry?: Partial<typeof retry>;
    intervalMs?: number;
  }): OutboxWorker {
    const transport = options.transport ?? createSmtpTransport({ url: smtp.url, from });
    const w = startOutboxWorker({
      db: options.db ?? t.db,
      transport,
      logger,
      intervalMs: options.intervalMs ?? 0,
      clock: options.clock,
      random: () => 0.5,
      batchSize: options.batchSize,
      concurrency: options.concurrency,
      retry: { ...retry, ...options.retry },
    });
    cleanup.push(async () => {
      await w.stop();
      await transport.close();
    });
    return w;
  }

  it("delivers German and English confirmations; mailparser and ical.js read back what was booked", async () => {
    const time = testClock();
    const de = bookingData();
    const en = bookingData({ locale: "en", booking: { ...de.booking, id: randomUUID(), contactEmail: "john@example.org", contactName: "John Doe" } });
    const rowDe = await insertOutboxRow(t.db, tenantId, de, { nextAttemptAt: time.clock() });
    const rowEn = await insertOutboxRow(t.db, tenantId, en, { nextAttemptAt: time.clock() });

    const w = worker({ clock: time.clock });
    expect(await w.runOnce()).toEqual({ sent: 2, failed: 0 });
    expect(smtp.received).toHaveLength(2);

    const german = smtp.received.find((m) => m.recipients.includes("erika@example.org"))!;
    expect(german.parsed.messageId).toBe(`<${rowDe.id}@termine.example>`);
    expect(german.parsed.subject).toBe("Terminbestätigung: Di., 2. Juli 2030, 09:00 Uhr – Buchungsnummer K7QF-M2XA");
    expect(german.parsed.from?.value[0]).toEqual({ name: "Bürgerbüro Musterstadt", address: "noreply@termine.example" });
    expect(german.parsed.replyTo?.value[0]?.address).toBe("buergerbuero@musterstadt.example");
    for (const body of [german.parsed.text!, german.parsed.html as string]) {
      expect(body).toContain("2 × Personalausweis beantragen");
      expect(body).toContain("Biometrisches Passfoto");
      expect(body).toContain("Gebühr: 37 € (bar oder EC-Karte)");
      expect(body).toContain("Original mitbringen");
      expect(body).toContain("Termin ansehen, verschieben oder absagen");
    }
    expect(german.parsed.text).toContain(de.manageUrl);
    const g = calendarPart(german);
    expect(g.mimeMethod).toBe("REQUEST");
    expect(g.ics.method).toBe("REQUEST");
    expect(g.ics.uid).toBe(`${de.booking.id}@terminvergabe`);
    expect(g.ics.sequence).toBe(0);
    expect(g.ics.dtstamp.toISOString()).toBe(de.now.toISOString());
    expect(g.ics.start.toISOString()).toBe(de.booking.start.toISOString());
    expect(g.ics.end.toISOString()).toBe(de.booking.end.toISOString());
    expect(g.ics.description).toContain(de.manageUrl);
    expect(german.parsed.attachments.find((a) => a.filename === "termin.ics")?.contentType).toBe("application/ics");

    const english = smtp.received.find((m) => m.recipients.includes("john@example.org"))!;
    expect(english.parsed.messageId).toBe(`<${rowEn.id}@termine.example>`);
    expect(english.parsed.subject).toBe("Appointment confirmed: Tue, 2 Jul 2030, 09:00 – reference K7QF-M2XA");
    for (const body of [english.parsed.text!, english.parsed.html as string]) {
      expect(body).toContain("Dear John Doe,");
      expect(body).toContain("Please bring:");
      expect(body).toContain("Biometric passport photo");
      expect(body).toContain("Fee: €37 (cash or debit card)");
      expect(body).toContain("View, reschedule or cancel your appointment");
    }
    expect(english.parsed.text).toContain(en.manageUrl);
    expect(calendarPart(english).ics.uid).toBe(`${en.booking.id}@terminvergabe`);

    const rows = await t.db.prisma.mailOutbox.findMany({ orderBy: { createdAt: "asc" } });
    for (const row of rows) {
      expect(row).toMatchObject({ status: "SENT", attempts: 1, lockedUntil: null, lastError: null });
      expect(row.sentAt?.getTime()).toBe(time.clock().getTime());
      expect(row.messageId).toBe(`<${row.id}@termine.example>`);
    }
    expect(await w.runOnce()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(2);
  });

  it("sends a cancellation as METHOD:CANCEL for the same UID with a higher SEQUENCE than the request", async () => {
    const time = testClock();
    const request = bookingData();
    await insertOutboxRow(t.db, tenantId, request, { nextAttemptAt: time.clock() });
    const w = worker({ clock: time.clock });
    await w.runOnce();
    const cancellation = { ...request, kind: "CANCELLATION" as const, booking: { ...request.booking, icsSequence: 1 }, now: new Date(request.now.getTime() + 3_600_000) };
    await insertOutboxRow(t.db, tenantId, cancellation, { nextAttemptAt: time.clock() });
    expect(await w.runOnce()).toEqual({ sent: 1, failed: 0 });

    expect(smtp.received).toHaveLength(2);
    const [first, second] = smtp.received.map(calendarPart) as [ReturnType<typeof calendarPart>, ReturnType<typeof calendarPart>];
    expect(first.mimeMethod).toBe("REQUEST");
    expect(second.mimeMethod).toBe("CANCEL");
    expect(second.ics.method).toBe("CANCEL");
    expect(second.ics.status).toBe("CANCELLED");
    expect(second.ics.uid).toBe(first.ics.uid);
    expect(second.ics.sequence).toBeGreaterThan(first.ics.sequence);
    expect(second.ics.dtstamp.getTime()).toBeGreaterThan(first.ics.dtstamp.getTime());
    expect(smtp.received[1]!.parsed.subject).toContain("wurde abgesagt");
    expect(smtp.received[1]!.parsed.text).toContain("findet nicht statt");
  });

  it("given the SMTP server goes down mid-run, retries with backoff, and after it returns delivers every mail exactly once", async () => {
    const time = testClock();
    const rows = [];
    for (let i = 0; i < 6; i++) {
      rows.push(await insertOutboxRow(t.db, tenantId, bookingData({ locale: i % 2 ? "en" : "de" }), { nextAttemptAt: time.clock() }));
    }
    // The outage starts right after the second mail was accepted, in the middle of one run.
    const smtpTransport = createSmtpTransport({ url: smtp.url, from });
    let accepted = 0;
    const transport: MailTransport = {
      kind: "smtp",
      async send(mail) {
        const id = await smtpTransport.send(mail);
        if (++accepted === 2) await smtp.stop();
        return id;
      },
      close: () => smtpTransport.close(),
    };
    const port = smtp.port;
    const w = worker({ clock: time.clock, transport, concurrency: 1 });

    expect(await w.runOnce()).toEqual({ sent: 2, failed: 4 });
    let pending = await t.db.prisma.mailOutbox.findMany({ where: { status: "PENDING" } });
    expect(pending).toHaveLength(4);
    for (const row of pending) {
      expect(row.attempts).toBe(1);
      expect(row.lockedUntil).toBeNull();
      expect(row.lastError).toBeTruthy();
      // first delay: between half and all of baseMs (random fixed at 0.5 → 3/4)
      expect(row.nextAttemptAt.getTime() - time.clock().getTime()).toBe(45_000);
    }

    // Not due yet: nothing is claimed, nothing is sent.
    time.advance(44_999);
    expect(await w.runOnce()).toEqual({ sent: 0, failed: 0 });

    // Due, but the server is still down: the second failure doubles the delay.
    time.advance(1);
    expect(await w.runOnce()).toEqual({ sent: 0, failed: 4 });
    pending = await t.db.prisma.mailOutbox.findMany({ where: { status: "PENDING" } });
    for (const row of pending) {
      expect(row.attempts).toBe(2);
      expect(row.nextAttemptAt.getTime() - time.clock().getTime()).toBe(90_000);
    }
    expect(smtp.received).toHaveLength(2);

    await smtp.restart();
    expect(smtp.port).toBe(port);
    time.advance(90_000);
    expect(await w.runOnce()).toEqual({ sent: 4, failed: 0 });
    expect(await w.runOnce()).toEqual({ sent: 0, failed: 0 });
    time.advance(24 * 3_600_000);
    expect(await w.runOnce()).toEqual({ sent: 0, failed: 0 });

    expect(smtp.received).toHaveLength(6);
    const perMessageId = countBy(smtp.received, (m) => m.parsed.messageId!);
    expect([...perMessageId.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(perMessageId.keys())).toEqual(new Set(rows.map((r) => `<${r.id}@termine.example>`)));
    const after = await t.db.prisma.mailOutbox.findMany();
    expect(after.every((r) => r.status === "SENT" && r.messageId === `<${r.id}@termine.example>`)).toBe(true);
    expect(after.map((r) => r.attempts).sort()).toEqual([1, 1, 3, 3, 3, 3]);
  });

  it("given two workers (two instances) on one database running at once, no mail is sent twice", async () => {
    const time = testClock();
    const total = 30;
    for (let i = 0; i < total; i++) await insertOutboxRow(t.db, tenantId, bookingData(), { nextAttemptAt: time.clock() });
    // On PostgreSQL the second instance has its own connection pool, like another process.
    const secondDb = t.url ? await openDatabase({ databaseUrl: t.url, poolSize: 5 }) : t.db;
    if (secondDb !== t.db) cleanup.unshift(() => secondDb.close());

    const sentBy = new Map<string, string[]>([["a", []], ["b", []]]);
    const slow = (name: string): MailTransport => {
      const inner = createSmtpTransport({ url: smtp.url, from });
      return {
        kind: "smtp",
        async send(mail) {
          // Sending takes a while, so the instances' claims interleave.
          await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 15));
          const id = await inner.send(mail);
          sentBy.get(name)!.push(mail.outboxId);
          return id;
        },
        close: () => inner.close(),
      };
    };
    const a = worker({ db: t.db, clock: time.clock, transport: slow("a"), batchSize: 3, concurrency: 2 });
    const b = worker({ db: secondDb, clock: time.clock, transport: slow("b"), batchSize: 3, concurrency: 2 });
    const drain = async (w: OutboxWorker) => {
      let sent = 0;
      for (let round = 0; round < 20; round++) {
        const r = await w.runOnce();
        sent += r.sent;
        if (r.sent === 0 && (await t.db.prisma.mailOutbox.count({ where: { status: "PENDING" } })) === 0) break;
      }
      return sent;
    };
    const [sentA, sentB] = await Promise.all([drain(a), drain(b)]);

    expect(sentA + sentB).toBe(total);
    expect(sentA).toBeGreaterThan(0);
    expect(sentB).toBeGreaterThan(0);
    const ids = [...sentBy.get("a")!, ...sentBy.get("b")!];
    expect(new Set(ids).size).toBe(total);
    expect(smtp.received).toHaveLength(total);
    expect(new Set(smtp.received.map((m) => m.parsed.messageId)).size).toBe(total);
    const rows = await t.db.prisma.mailOutbox.findMany();
    // Every claim counts an attempt: one attempt each means no row was ever claimed twice.
    expect(rows.every((r) => r.status === "SENT" && r.attempts === 1)).toBe(true);
  });

  it("leaves a row alone while another instance's lease runs, and takes it over when that instance has died", async () => {
    const time = testClock();
    const row = await insertOutboxRow(t.db, tenantId, bookingData(), {
      nextAttemptAt: time.clock(),
      lockedUntil: new Date(time.clock().getTime() + 60_000),
    });
    const w = worker({ clock: time.clock });
    expect(await w.runOnce()).toEqual({ sent: 0, failed: 0 });
    time.advance(60_001);
    expect(await w.runOnce()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received.map((m) => m.parsed.messageId)).toEqual([`<${row.id}@termine.example>`]);
  });

  it("gives up as FAILED on a permanent refusal at once, and on outages after the last attempt", async () => {
    const time = testClock();
    const refusing = await startTestSmtpServer({ rejectRecipient: (address) => address.endsWith("@gone.example") });
    cleanup.push(() => refusing.stop());
    const refused = await insertOutboxRow(
      t.db,
      tenantId,
      bookingData({ booking: { ...sampleMailData().booking, id: randomUUID(), contactEmail: "nobody@gone.example" } }),
      { nextAttemptAt: time.clock() },
    );
    const w = worker({ clock: time.clock, transport: createSmtpTransport({ url: refusing.url, from }) });
    expect(await w.runOnce()).toEqual({ sent: 0, failed: 1 });
    const failed = await t.db.prisma.mailOutbox.findUniqueOrThrow({ where: { id: refused.id } });
    expect(failed).toMatchObject({ status: "FAILED", attempts: 1, lockedUntil: null });
    expect(failed.lastError).toContain("550");

    await smtp.stop();
    const unlucky = await insertOutboxRow(t.db, tenantId, bookingData(), { nextAttemptAt: time.clock() });
    const w2 = worker({ clock: time.clock, retry: { maxAttempts: 2 } });
    expect(await w2.runOnce()).toEqual({ sent: 0, failed: 1 });
    time.advance(retry.maxMs);
    expect(await w2.runOnce()).toEqual({ sent: 0, failed: 1 });
    const gaveUp = await t.db.prisma.mailOutbox.findUniqueOrThrow({ where: { id: unlucky.id } });
    expect(gaveUp).toMatchObject({ status: "FAILED", attempts: 2 });
    time.advance(retry.maxMs);
    expect(await w2.runOnce()).toEqual({ sent: 0, failed: 0 });
  });

  it("delivers soon after kick() without waiting for the poll interval, and stops cleanly", async () => {
    const w = worker({ clock: () => new Date(), intervalMs: 3_600_000 });
    // The first poll runs at start; let it find nothing.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await w.runOnce();
    await insertOutboxRow(t.db, tenantId, bookingData(), { nextAttemptAt: new Date() });
    w.kick();
    const deadline = Date.now() + 10_000;
    while (smtp.received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(smtp.received).toHaveLength(1);
    await w.stop();
    await insertOutboxRow(t.db, tenantId, bookingData(), { nextAttemptAt: new Date() });
    w.kick();
    expect(await w.runOnce()).toEqual({ sent: 0, failed: 0 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(smtp.received).toHaveLength(1);
  });
});
