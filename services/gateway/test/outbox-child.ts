/**
 * A process that only delivers the outbox (DATABASE_URL, SMTP_URL, MAIL_LEASE_MS), for
 * tests that kill it with SIGKILL in the middle of a delivery.
 */
import { openDatabase } from "@terminvergabe/db";
import { createLogger } from "../src/logger.ts";
import { createSmtpTransport } from "../src/mail/mail-transport.ts";
import { startOutboxWorker } from "../src/mail/outbox-worker.ts";

const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL! });
const transport = createSmtpTransport({ url: process.env.SMTP_URL!, from: { name: "Test", address: "noreply@example.org" } });
startOutboxWorker({ db, transport, logger: createLogger("silent"), intervalMs: 100, leaseMs: Number(process.env.MAIL_LEASE_MS) || 2_000 });
process.stdout.write("outbox.ready\n");
