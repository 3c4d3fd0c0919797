/**
 * Outbox throughput (`npm run bench:outbox -w @terminvergabe/gateway`): 2,000 pending mails
 * on a fresh PostgreSQL database delivered by one outbox worker over SMTP to a local
 * server that only counts (src/mail/testing/smtp-sink.ts), with the former settings
 * (3 at a time, pool of 3, batches of 20) and the current defaults.
 * Writes bench-results/outbox-throughput.json at the repository root.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { postgresTestTarget } from "@terminvergabe/db/testing";
import { createLogger } from "../src/logger.ts";
import { createSmtpTransport, DEFAULT_MAIL_CONCURRENCY } from "../src/mail/mail-transport.ts";
import { startOutboxWorker } from "../src/mail/outbox-worker.ts";
import { startSmtpSink } from "../src/mail/testing/smtp-sink.ts";

process.env.TEST_DATABASE_URL ??= process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const mails = Number(process.env.BENCH_OUTBOX_MAILS ?? 2_000);
const settings = [
  { name: "before (3 at a time, pool 3, batch 20)", concurrency: 3, pool: 3, batchSize: 20 },
  { name: `now (${DEFAULT_MAIL_CONCURRENCY} at a time, pool ${DEFAULT_MAIL_CONCURRENCY}, batch 50)`, concurrency: DEFAULT_MAIL_CONCURRENCY, pool: DEFAULT_MAIL_CONCURRENCY, batchSize: 50 },
];
const results = [];
for (const setting of settings) {
  const database = await postgresTestTarget()!.create({ poolSize: 12 });
  const tenant = await database.db.prisma.tenant.create({ data: { slug: "bench", name: { de: "Amt", en: "Office" } } });
  await database.db.sql.query(
    `INSERT INTO "MailOutbox" ("tenantId", kind, "toAddress", subject, "textBody", "htmlBody")
     SELECT $1::uuid, 'CANCELLATION', 'person' || n || '@example.org', 'Ihr Termin wurde abgesagt', repeat('Text ', 300), repeat('<p>Text</p>', 200) FROM generate_series(1, $2::int) n`,
    [tenant.id, mails],
  );
  const sink = await startSmtpSink();
  const transport = createSmtpTransport({ url: sink.url, from: { name: "Bench", address: "noreply@example.org" }, maxConnections: setting.pool });
  const worker = startOutboxWorker({ db: database.db, transport, logger: createLogger("silent"), intervalMs: 0, concurrency: setting.concurrency, batchSize: setting.batchSize });
  const t0 = performance.now();
  while (sink.accepted.length < mails) await worker.runOnce();
  const seconds = (performance.now() - t0) / 1000;
  await worker.stop();
  await transport.close();
  await sink.close();
  await database.dispose();
  results.push({ ...setting, mails, seconds: Math.round(seconds * 10) / 10, mailsPerSecond: Math.round(mails / seconds) });
  console.log(`${setting.name}: ${Math.round(mails / seconds)} mails/s`);
}
const out = fileURLToPath(new URL("../../../bench-results/outbox-throughput.json", import.meta.url));
mkdirSync(fileURLToPath(new URL("../../../bench-results/", import.meta.url)), { recursive: true });
writeFileSync(out, `${JSON.stringify({ measuredAt: new Date().toISOString(), results }, null, 2)}\n`);
console.log(`wrote ${out}`);
