/**
 * The real system for browser tests: a gateway process (embedded PGlite in a temp dir,
 * demo tenants seeded), a real SMTP server that collects the mails it sends, the demo host
 * pages on another origin, and headless Chromium. Anything that cannot start fails the
 * suite — the browser tests never skip.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { type ParsedMail, simpleParser } from "mailparser";
import { type Browser, chromium, type Page } from "playwright-core";
import { SMTPServer } from "smtp-server";
import { withProofOfWork } from "./proof-of-work.ts";
import { startDemoHost } from "../../../services/gateway/src/demo-host/demo-host.ts";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
/** The demo tenants allow embedding from :4000 and :4001 only (packages/db demo seed). */
export const DEMO_PORT = 4001;
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
export const SCREENSHOT_DIR = path.join(repo, "artifacts", "screenshots");

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export interface Mailbox {
  mails: ParsedMail[];
  /** Resolves with the first mail to `to` (received before or after the call). */
  waitFor(to: string, timeoutMs?: number): Promise<ParsedMail>;
}

export async function startSmtp(): Promise<{ url: string; mailbox: Mailbox; close(): Promise<void> }> {
  const mails: ParsedMail[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          for (const wake of waiters.splice(0)) wake();
          callback();
        })
        .catch(callback);
    },
  });
  // A gateway that stops drops its pooled SMTP connection; that is not a test failure.
  server.on("error", () => undefined);
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const addressed = (mail: ParsedMail, to: string) =>
    (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).some((a) => a.value.some((v) => v.address === to));
  return {
    url: `smtp://127.0.0.1:${port}`,
    mailbox: {
      mails,
      async waitFor(to, timeoutMs = 30_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const mail = mails.find((m) => addressed(m, to));
          if (mail) return mail;
          if (Date.now() > deadline) throw new Error(`no mail to ${to} within ${timeoutMs} ms (got ${mails.length} others)`);
          await new Promise<void>((resolve) => {
            waiters.push(resolve);
            setTimeout(resolve, 250);
          });
        }
      },
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface Stack {
  gatewayUrl: string;
  demoUrl: string;
  browser: Browser;
  /** A page in a fresh browser context (axe needs one it can open pages in). */
  newPage(options?: Parameters<Browser["newContext"]>[0]): Promise<Page>;
  mailbox: Mailbox;
  /** GraphQL from outside the browser (another citizen, a staff member's tool). */
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

/**
 * @param options.databaseUrl - run the gateway on this PostgreSQL database instead of embedded PGlite.
 * @param options.demoHost - false: no demo agency pages on port 4001 (tests of the gateway's own pages).
 */
export async function startStack(options: { databaseUrl?: string; demoHost?: boolean } = {}): Promise<Stack> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  };
  try {
    const smtp = await startSmtp();
    cleanups.push(() => smtp.close());

    const dataDir = mkdtempSync(path.join(tmpdir(), "tv-widget-e2e-"));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const gatewayUrl = `http://127.0.0.1:${port}`;
    const entry = process.env.E2E_GATEWAY_ENTRY || path.join(repo, "services/gateway/src/main.ts");
    const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", entry], {
      cwd: repo,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        PUBLIC_URL: gatewayUrl,
        DATA_DIR: dataDir,
        DEMO_PORT: "0",
        DATABASE_URL: options.databaseUrl ?? "",
        REDIS_URL: "",
        SMTP_URL: smtp.url,
        JOB_INTERVAL_MS: "200",
        LOG_LEVEL: "info",
        REQUEST_LOG: "false",
        // Browser tests exercise the pages, not the overload path (rush.e2e intercepts 503s
        // itself): on a loaded CI machine admission control would refuse at random.
        ADMISSION_MAX_DELAY_MS: "0",
        // Proof of work stays on (the widget solves it in Chromium); rate limits and holds per
        // address are off: the tests fill days with holds from one address.
        RATE_LIMITS: "off",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const send = withProofOfWork(async (query, variables) => {
      let response: Response;
      // A busy machine can make the gateway's admission control refuse a request (503 +
      // Retry-After, nothing executed); like any well-behaved client, wait and send it again.
      for (let attempt = 1; ; attempt++) {
        response = await fetch(`${gatewayUrl}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", "accept-language": "de" },
          body: JSON.stringify({ query, variables }),
        });
        if (response.status !== 503 || attempt === 10) break;
        await new Promise((r) => setTimeout(r, Number(response.headers.get("retry-after") || 1) * 1000));
      }
      return (await response.json()) as { data?: any; errors?: unknown[] };
    });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    cleanups.push(async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          child.kill("SIGKILL");
          resolve(undefined);
        }, 10_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
    });
    const deadline = Date.now() + 90_000;
    while (!output.includes("gateway.started")) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the gateway did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    const widget = await fetch(`${gatewayUrl}/widget.js`);
    if (widget.status !== 200) {
      throw new Error(`the gateway does not serve /widget.js (HTTP ${widget.status}): build the widget and wire widgetAsset() into the gateway routes`);
    }

    if (options.demoHost !== false) {
      let demo: Awaited<ReturnType<typeof startDemoHost>>;
      try {
        demo = await startDemoHost({ port: DEMO_PORT, host: "127.0.0.1", gatewayUrl });
      } catch (error) {
        throw new Error(
          `the demo host cannot listen on 127.0.0.1:${DEMO_PORT} (${(error as Error).message}); the demo tenants only allow ` +
            `embedding from ports 4000/4001, so stop whatever uses it (e.g. \`npm start\`)`,
        );
      }
      cleanups.push(() => demo.close());
    }

    const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    cleanups.push(() => browser.close());

    return {
      gatewayUrl,
      demoUrl: `http://127.0.0.1:${DEMO_PORT}`,
      browser,
      async newPage(options = { viewport: { width: 1280, height: 900 } }) {
        const context = await browser.newContext(options);
        return context.newPage();
      },
      mailbox: smtp.mailbox,
      async gql(query, variables = {}) {
        const body = await send(query, variables);
        if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
        return body.data;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Fails the test with a readable list when axe finds any WCAG 2.x A/AA violation. */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  const result = await new AxeBuilder({ page }).include("terminvergabe-booking").withTags(AXE_TAGS).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  console.log(`axe ${state}: ${result.violations.length} violations, ${result.passes.length} rules passed`);
  if (result.violations.length) throw new Error(`axe violations in "${state}":\n${summary.join("\n")}`);
}

/** Saves a screenshot under artifacts/screenshots/ and prints its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot: ${file}`);
  return file;
}

/**
 * What has focus, deep inside the widget's shadow roots: `tag#id:text`, where text is the
 * element's text or, for inputs, its label.
 */
export function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active) return "none";
    const root = active.getRootNode() as ParentNode;
    const label = active.id ? root.querySelector(`label[for="${CSS.escape(active.id)}"]`)?.textContent : "";
    const text = (label || active.getAttribute("aria-label") || active.textContent || "").trim().replace(/\s+/g, " ");
    return `${active.tagName.toLowerCase()}#${active.id}:${text}`;
  });
}

/** Presses Tab (or Shift+Tab) until what has focus matches, as a keyboard user would. */
export async function tabTo(page: Page, target: RegExp, options: { back?: boolean; max?: number } = {}): Promise<string> {
  for (let i = 0; i < (options.max ?? 60); i++) {
    await page.keyboard.press(options.back ? "Shift+Tab" : "Tab");
    const focused = await focusedText(page);
    if (target.test(focused)) return focused;
  }
  throw new Error(`Tab never reached ${target} (last: ${await focusedText(page)})`);
}

/** The focus indicator of what has focus (or of its label, for visually hidden radios). */
export function focusOutline(page: Page): Promise<{ style: string; width: number }> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    let element = active as HTMLElement;
    if (element instanceof HTMLInputElement && getComputedStyle(element).opacity === "0") {
      element = (element.getRootNode() as ParentNode).querySelector(`label[for="${CSS.escape(element.id)}"]`) as HTMLElement;
    }
    const style = getComputedStyle(element);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
}
