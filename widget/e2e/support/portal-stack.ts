/**
 * The system for the portal's browser tests: the real gateway in this process (so a test
 * clock can move it past a campaign's window and draw, as the lottery integration tests do),
 * on PostgreSQL when TEST_DATABASE_URL is set (else embedded PGlite), with the job runner on
 * that clock and a real SMTP server collecting its mails; the demo host pages and Chromium.
 */
import { type TestDatabase, testTargets } from "@terminvergabe/db/testing";
import { LotteryRepository } from "@terminvergabe/db";
import { type Browser, chromium, type Page } from "playwright-core";
import { createApp, type App } from "../../../services/gateway/src/app.ts";
import { loadConfig } from "../../../services/gateway/src/config.ts";
import { startDemoHost } from "../../../services/gateway/src/demo-host/demo-host.ts";
import { listen } from "../../../services/gateway/src/server.ts";
import { createGatewayYoga } from "../../../services/gateway/src/yoga.ts";
import { CHROMIUM_ARGS, DEMO_PORT, freePort, type Mailbox, startSmtp } from "./stack.ts";

export interface PortalStack {
  gatewayUrl: string;
  demoUrl: string;
  database: string;
  app: App;
  browser: Browser;
  mailbox: Mailbox;
  /** The gateway's clock: real time plus what the test moved it on. */
  now(): Date;
  /** Moves the gateway's clock on and runs the campaign clock (open, close, draw). */
  advance(ms: number): Promise<void>;
  newPage(width?: number): Promise<Page>;
  close(): Promise<void>;
}

export async function startPortalStack(): Promise<PortalStack> {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  };
  try {
    const smtp = await startSmtp();
    cleanups.push(() => smtp.close());
    let offset = 0;
    const now = () => new Date(Date.now() + offset);
    const target = testTargets().at(-1)!;
    const database: TestDatabase = await target.create({ poolSize: 10 });
    cleanups.push(() => database.dispose());
    const port = await freePort();
    const gatewayUrl = `http://127.0.0.1:${port}`;
    const config = loadConfig({
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: gatewayUrl,
      DEMO_PORT: "0",
      SMTP_URL: smtp.url,
      JOB_INTERVAL_MS: "200",
      LOG_LEVEL: "silent",
      REQUEST_LOG: "false",
      ADMISSION_MAX_DELAY_MS: "0",
    });
    const app = await createApp(config, { db: database.db, clock: now });
    cleanups.push(() => app.close());
    const server = await listen(app.services, createGatewayYoga(app.services), port, "127.0.0.1");
    cleanups.push(() => server.close());
    // The demo tenants allow only ports 4000/4001; another browser suite may still hold it.
    let demo;
    for (const deadline = Date.now() + 120_000; ; ) {
      try {
        demo = await startDemoHost({ port: DEMO_PORT, host: "127.0.0.1", gatewayUrl });
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
    cleanups.push(() => demo.close());
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: CHROMIUM_ARGS });
    cleanups.push(() => browser.close());
    return {
      gatewayUrl,
      demoUrl: `http://127.0.0.1:${DEMO_PORT}`,
      database: target.name,
      app,
      browser,
      mailbox: smtp.mailbox,
      now,
      async advance(ms) {
        offset += ms;
        await app.services.lottery.advance();
      },
      async newPage(width = 1280) {
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        return context.newPage();
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * A campaign of the demo tax-advice agency, published and then opened by moving the clock a
 * minute on; its window closes ten minutes later and the draw follows after five more.
 * `slots` appointments a month ahead.
 */
export async function createCampaign(stack: PortalStack, slug: string, slots: number): Promise<void> {
  const sql = stack.app.services.db.sql;
  const [ids] = await sql.query<{ tenantId: string; officeId: string; serviceId: string }>(
    `SELECT t.id::text AS "tenantId", o.id::text AS "officeId", s.id::text AS "serviceId"
       FROM "Tenant" t JOIN "Office" o ON o."tenantId" = t.id JOIN "Service" s ON s."tenantId" = t.id
      WHERE t.slug = 'demo-steuerberatung' AND o.slug = 'beratungszentrum' AND s.slug = 'steuerberatung'`,
  );
  const counters = await sql.query<{ id: string }>(`SELECT id::text AS id FROM "Counter" WHERE "officeId" = $1::uuid ORDER BY name`, [ids!.officeId]);
  const now = stack.now().getTime();
  const minute = 60_000;
  const day = new Date(now + 30 * 24 * 60 * minute).toISOString().slice(0, 10);
  const repository = new LotteryRepository(stack.app.services.db);
  const campaignId = await repository.createCampaign({
    ...ids!,
    slug,
    name: { de: `Steuerberatung Test ${slug}`, en: `Tax advice test ${slug}` },
    applicationOpensAt: new Date(now + minute),
    applicationClosesAt: new Date(now + 10 * minute),
    drawAt: new Date(now + 15 * minute),
    periodFrom: day,
    periodTo: day,
    notifyBy: new Date(now + 2 * 24 * 60 * minute),
    confirmationDays: 14,
    moveUpOfferDays: 3,
    beaconAnnouncement: null,
    algorithmVersion: "tv-draw-1",
  });
  await repository.addSlots(
    ids!.tenantId,
    campaignId,
    Array.from({ length: slots }, (_, i) => {
      const start = new Date(`${day}T${String(9 + i).padStart(2, "0")}:00:00+02:00`);
      return { counterId: counters[0]!.id, startsAt: start, endsAt: new Date(start.getTime() + 45 * minute) };
    }),
  );
  // Published (commitment public) before the window opens, then the clock opens it.
  await stack.app.services.lottery.publish(ids!.tenantId, campaignId, "staff:e2e");
  await stack.advance(minute);
}
