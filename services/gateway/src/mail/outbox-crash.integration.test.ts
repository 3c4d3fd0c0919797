import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type Database } from "@terminvergabe/db";
import { postgresTestTarget, type TestDatabase } from "@terminvergabe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MAIL_CONCURRENCY } from "./mail-transport.ts";
import { startSmtpSink, type SmtpSink } from "./testing/smtp-sink.ts";

const child = fileURLToPath(new URL("../../test/outbox-child.ts", import.meta.url));
const target = postgresTestTarget();
const MAILS = 600;

async function until(condition: () => boolean | Promise<boolean>, what: string, limitMs = 120_000) {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Issue 16, item 7: three kill -9 of the delivering process under load. Before, a batch's
 * deliveries were recorded together after the batch, so every kill repeated the whole
 * batch, and the 5-minute lease delayed the rest by minutes. Now each mail is recorded as
 * SENT right after the SMTP server accepted it: a kill repeats at most the mails in flight.
 */
describe.runIf(target)("outbox delivery killed with SIGKILL three times", () => {
  let database: TestDatabase;
  let db: Database;
  let sink: SmtpSink;
  beforeAll(async () => {
    database = await target!.create({ poolSize: 4 });
    db = database.db;
    // 5 ms before each 250: mails are in flight when the kill comes.
    sink = await startSmtpSink({ delayMs: 5 });
    const tenant = await db.prisma.tenant.create({ data: { slug: "crash", name: { de: "Amt", en: "Office" } } });
    await db.sql.query(
      `INSERT INTO "MailOutbox" ("tenantId", kind, "toAddress", subject, "textBody")
       SELECT $1::uuid, 'CONFIRMATION', 'person' || n || '@example.org', 'Termin ' || n, 'Text ' || n FROM generate_series(1, $2::int) n`,
      [tenant.id, MAILS],
    );
  });
  afterAll(async () => {
    await sink?.close();
    await database?.dispose();
  });

  const sentInDb = async () => Number((await db.sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM "MailOutbox" WHERE status = 'SENT'`))[0]!.n);

  function start(): ChildProcess {
    return spawn(process.execPath, ["--import", "tsx", child], {
      env: { ...process.env, DATABASE_URL: database.url!, SMTP_URL: sink.url, MAIL_LEASE_MS: "2000" },
      stdio: ["ignore", "ignore", "inherit"],
    });
  }

  it("loses no mail, repeats at most the mails in flight per crash, always with the same Message-ID", async () => {
    const inFlightAtKill: number[] = [];
    for (let crash = 0; crash < 3; crash++) {
      const before = sink.accepted.length;
      const worker = start();
      await until(() => sink.accepted.length >= before + 100, `crash ${crash + 1}: deliveries`);
      const exited = new Promise((r) => worker.once("exit", r));
      worker.kill("SIGKILL");
      await exited;
      // Let the SMTP server finish the messages whose data were complete.
      await new Promise((r) => setTimeout(r, 200));
      // Accepted by the server but not recorded as SENT: these will go out again.
      inFlightAtKill.push(new Set(sink.accepted).size - (await sentInDb()));
    }
    const last = start();
    await until(async () => (await sentInDb()) === MAILS, "every mail SENT");
    last.kill("SIGTERM");
    const distinct = new Set(sink.accepted);
    const duplicates = sink.accepted.length - distinct.size;
    console.log(JSON.stringify({ mails: MAILS, accepted: sink.accepted.length, duplicates, inFlightAtKill, concurrency: DEFAULT_MAIL_CONCURRENCY }));
    expect(distinct.size).toBe(MAILS);
    expect(distinct.has("(none)")).toBe(false);
    for (const n of inFlightAtKill) expect(n).toBeLessThanOrEqual(DEFAULT_MAIL_CONCURRENCY);
    expect(duplicates).toBeLessThanOrEqual(inFlightAtKill.reduce((a, b) => a + b, 0));
    const outbox = await db.sql.query<{ id: string; messageId: string }>(`SELECT id::text AS id, "messageId" FROM "MailOutbox"`);
    // The recorded Message-ID derives from the row: a repeated delivery carried the same one.
    for (const row of outbox) expect(row.messageId).toBe(`<${row.id}@example.org>`);
  });
});
