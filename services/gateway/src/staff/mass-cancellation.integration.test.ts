import { type Database, DEMO_PASSWORD, hashPassword, migrate, openDatabase } from "@terminvergabe/db";
import { createPostgresDatabase } from "@terminvergabe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, startGatewayProcess } from "../../test/processes.ts";
import { startTestSmtpServer, type TestSmtpServer } from "../mail/testing/smtp-test-server.ts";

const pgUrl = process.env.TEST_DATABASE_URL;
// Several processes on one database and 5,000 bookings: a real PostgreSQL server only.
const targets = pgUrl ? [{ name: "postgres", pgUrl }] : [];
const BOOKINGS = Number(process.env.MASS_CANCELLATION_BOOKINGS) || 5_000;
const COUNTERS = 50;
const SLUG = "mass-cancel";

async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await condition()); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function gql<T>(port: number, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(JSON.stringify(body));
  return body.data;
}

const LOGIN = `mutation ($tenant: String!, $email: String!, $password: String!) { staffLogin(tenant: $tenant, email: $email, password: $password, deliverAs: TOKEN) { ... on StaffSession { token } ... on Error { code } } }`;
const PREVIEW = `query ($input: MassCancellationInput!) { previewMassCancellation(input: $input) { __typename ... on MassCancellationPreview { count first { reference } } ... on Error { code } } }`;
const START = `mutation ($input: StartMassCancellationInput!) { startMassCancellation(input: $input) { __typename ... on MassCancellation { id status total cancelled closureCreated } ... on Error { code message } } }`;
const PROGRESS = `query ($tenant: String!, $id: ID!) { massCancellation(tenant: $tenant, id: $id) { status total cancelled finishedAt } }`;

describe.each(targets)("mass cancellation of 5,000 bookings with a gateway killed half-way ($name)", ({ pgUrl }) => {
  let database: { url: string; drop(): Promise<void> };
  let db: Database;
  let smtp: TestSmtpServer;
  let tenantId: string;
  const processes: GatewayProcess[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createPostgresDatabase(pgUrl);
    db = await openDatabase({ databaseUrl: database.url });
    await migrate(db);
    smtp = await startTestSmtpServer();
    const p = db.prisma;
    const tenant = await p.tenant.create({
      data: { slug: SLUG, name: { de: "Bürgerservice Massentest", en: "Citizens' service mass test" }, contactEmail: "amt@example.org" },
    });
    tenantId = tenant.id;
    const office = await p.office.create({
      data: { tenantId, slug: "amt", name: { de: "Rathaus", en: "Town hall" }, street: "Markt 1", postalCode: "12345", city: "Teststadt" },
    });
    const service = await p.service.create({
      data: { tenantId, slug: "pass", name: { de: "Reisepass", en: "Passport" }, category: { de: "Ausweise", en: "IDs" }, durationMinutes: 30 },
    });
    const counters = [];
    for (let i = 0; i < COUNTERS; i++) counters.push((await p.counter.create({ data: { tenantId, officeId: office.id, name: `Schalter ${i + 1}` } })).id);
    await p.counterService.createMany({ data: counters.map((counterId) => ({ tenantId, counterId, serviceId: service.id })) });
    await p.staffUser.create({ data: { tenantId, email: "admin@mass.example", name: "Ada Admin", role: "ADMIN", passwordHash: await hashPassword(DEMO_PASSWORD) } });
    // 5,000 confirmed bookings in September: 50 counters × 100 half-hour appointments.
    await db.sql.query(
      `INSERT INTO "Booking" ("tenantId", "officeId", "counterId", reference, status, channel, "startsAt", "endsAt",
                              "contactName", "contactEmail", "emailNormalized", "confirmedAt")
       SELECT $1::uuid, $2::uuid, ($3::uuid[])[1 + i % ${COUNTERS}], 'R' || lpad(i::text, 4, '0') || '-MASS', 'CONFIRMED', 'ONLINE',
              timestamptz '2030-09-02 07:00Z' + (i / ${COUNTERS}) * interval '1 day' / 4,
              timestamptz '2030-09-02 07:30Z' + (i / ${COUNTERS}) * interval '1 day' / 4,
              'Bürger ' || i, 'buerger' || i || '@example.org', 'buerger' || i || '@example.org', now()
         FROM generate_series(0, ${BOOKINGS - 1}) AS i`,
      [tenantId, office.id, counters],
    );
    await db.sql.query(`INSERT INTO "BookingItem" ("tenantId", "bookingId", "serviceId", quantity) SELECT "tenantId", id, $2::uuid, 1 FROM "Booking" WHERE "tenantId" = $1::uuid`, [
      tenantId,
      service.id,
    ]);
    env = {
      DATABASE_URL: database.url,
      SEED_DEMO: "false",
      SMTP_URL: smtp.url,
      MAIL_FROM: "Terminvergabe <noreply@termine.example>",
      JOB_INTERVAL_MS: "200",
      // A short lease, so that the killed process's run is taken over in seconds.
      JOB_LEASE_MS: "2000",
      // Mails the killed process had claimed go out from the other one after this.
      MAIL_LEASE_MS: "5000",
      REQUEST_LOG: "false",
    };
  });
  afterAll(async () => {
    for (const p of processes) p.child.kill("SIGKILL");
    await Promise.all(processes.map((p) => p.exit));
    await smtp?.stop();
    await db?.close();
    await database?.drop();
  });

  it("cancels each booking exactly once and delivers every cancellation mail, also when the running gateway is killed", async () => {
    const first = await startGatewayProcess(env);
    processes.push(first);
    const { staffLogin } = await gql<{ staffLogin: { token: string } }>(first.port, LOGIN, { tenant: SLUG, email: "admin@mass.example", password: DEMO_PASSWORD });
    const token = staffLogin.token;
    const cancellation = {
      tenant: SLUG,
      office: "amt",
      from: "2030-09-01",
      to: "2030-09-30",
      reason: { de: "Ab 1. September gelten neue Öffnungszeiten. Bitte buchen Sie neu.", en: "New opening hours from 1 September. Please book again." },
    };
    const preview = await gql<{ previewMassCancellation: { count: number; first: { reference: string }[] } }>(first.port, PREVIEW, { input: cancellation }, token);
    expect(preview.previewMassCancellation.count).toBe(BOOKINGS);
    expect(preview.previewMassCancellation.first[0]!.reference).toBe("R0000-MASS");

    const startedAt = performance.now();
    const { startMassCancellation: run } = await gql<{ startMassCancellation: { id: string; total: number; closureCreated: boolean; status: string } }>(
      first.port,
      START,
      { input: { cancellation, closure: true } },
      token,
    );
    expect(run).toMatchObject({ status: "RUNNING", total: BOOKINGS, closureCreated: true });

    // Kill the gateway running the job in the middle of it.
    const progress = async (port: number) =>
      (await gql<{ massCancellation: { status: string; cancelled: number; total: number } }>(port, PROGRESS, { tenant: SLUG, id: run.id }, token)).massCancellation;
    let cancelledAtKill = 0;
    await until(
      async () => {
        cancelledAtKill = (await progress(first.port)).cancelled;
        if (performance.now() - startedAt > 20_000 && cancelledAtKill === 0) throw new Error(`no progress:\n${first.output().slice(-3000)}`);
        return cancelledAtKill >= BOOKINGS / 5;
      },
      120_000,
      "the first thousand cancellations",
    );
    first.child.kill("SIGKILL");
    await first.exit;
    const killedAt = performance.now();
    const atKill = Number((await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Booking" WHERE "massCancellationId" = $1::uuid`, [run.id]))[0]!.n);
    expect(atKill).toBeLessThan(BOOKINGS);

    const second = await startGatewayProcess(env);
    processes.push(second);
    await until(async () => (await progress(second.port)).status === "DONE", 300_000, "the run to finish on the second gateway");
    const doneAt = performance.now();
    expect(await progress(second.port)).toMatchObject({ status: "DONE", cancelled: BOOKINGS, total: BOOKINGS });
    expect(second.output()).toContain("staff.mass_cancellation_batch");

    // Every mail reaches the SMTP server (the outbox may resend one that was in flight at the kill).
    const references = () => new Set(smtp.received.map((m) => /Buchungsnummer (\S+)/.exec(m.parsed.subject ?? "")?.[1]).filter(Boolean));
    const report = setInterval(() => {
      void db.sql
        .query(`SELECT status::text, count(*)::int AS n, max(attempts) AS a, max("lastError") AS e FROM "MailOutbox" GROUP BY 1`, [])
        .then((rows) => console.log(`smtp received ${smtp.received.length}, distinct ${references().size}, outbox ${JSON.stringify(rows)}`));
    }, 10_000);
    try {
      // The outbox delivers about 17 mails/s to the test's SMTP server (three at a time),
      // so 5,000 mails take about five minutes; the bound leaves room for a loaded machine.
      await until(async () => references().size === BOOKINGS, 900_000, "every cancellation mail");
    } finally {
      clearInterval(report);
    }
    const mailedAt = performance.now();

    // Each booking cancelled exactly once: one status change, one mail row, by this run.
    const [counts] = await db.sql.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM "Booking" WHERE "tenantId" = $1::uuid AND status = 'CANCELLED' AND "massCancellationId" = $2::uuid) AS cancelled,
              (SELECT count(*)::int FROM "Booking" WHERE "tenantId" = $1::uuid AND status <> 'CANCELLED') AS other,
              (SELECT count(*)::int FROM "BookingStatusChange" WHERE "tenantId" = $1::uuid AND "toStatus" = 'CANCELLED') AS changes,
              (SELECT count(DISTINCT "bookingId")::int FROM "BookingStatusChange" WHERE "tenantId" = $1::uuid AND "toStatus" = 'CANCELLED') AS "changedBookings",
              (SELECT count(*)::int FROM "MailOutbox" WHERE "tenantId" = $1::uuid AND kind = 'CANCELLATION') AS mails,
              (SELECT count(*)::int FROM "MailOutbox" WHERE "tenantId" = $1::uuid AND kind = 'CANCELLATION' AND status = 'SENT') AS sent,
              (SELECT count(*)::int FROM "AuditLog" WHERE "tenantId" = $1::uuid AND action = 'booking.cancelled') AS audited,
              (SELECT count(*)::int FROM "Closure" WHERE "tenantId" = $1::uuid) AS closures`,
      [tenantId, run.id],
    );
    expect(counts).toEqual({ cancelled: BOOKINGS, other: 0, changes: BOOKINGS, changedBookings: BOOKINGS, mails: BOOKINGS, sent: expect.any(Number), audited: BOOKINGS, closures: 1 });
    const sample = smtp.received.find((m) => m.parsed.subject?.includes("R0042-MASS"))!;
    expect(sample.recipients).toEqual(["buerger42@example.org"]);
    expect(sample.parsed.text).toContain("Ab 1. September gelten neue Öffnungszeiten.");
    expect(smtp.received.every((m) => m.raw.toString("utf8").includes("METHOD:CANCEL"))).toBe(true);
    const job = await db.sql.query<{ attempts: number; finishedAt: Date | null }>(`SELECT attempts, "finishedAt" FROM "Job" WHERE "jobKey" = $1`, [`mass-cancellation:${run.id}`]);
    expect(job).toEqual([{ attempts: 2, finishedAt: expect.any(Date) }]);

    const seconds = (ms: number) => (ms / 1000).toFixed(1);
    console.log(
      `mass cancellation of ${BOOKINGS} bookings on PostgreSQL: ${atKill} cancelled when the gateway was killed ${seconds(killedAt - startedAt)} s after the start; ` +
        `run done ${seconds(doneAt - startedAt)} s after the start (${seconds(doneAt - killedAt)} s after the kill, incl. start-up and the 2 s lease); ` +
        `all ${BOOKINGS} mails at the SMTP server after ${seconds(mailedAt - startedAt)} s (${smtp.received.length - BOOKINGS} resent after the kill)`,
    );
  }, 1_200_000);
});
