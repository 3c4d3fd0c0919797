/**
 * Component tests in real Chromium: the widget's sources, compiled on request by Vite's
 * transform middleware, served from 127.0.0.1 on a random port to a blank page. Tests import
 * the element modules they need into the page and set properties directly, as the wizard
 * does, so each element is rendered on its own. Nothing of the widget is stubbed: an element
 * that talks to the gateway gets either no connection or a real one (test/api-provider.ts) to
 * an address where nothing listens; the API itself is the e2e suites' business.
 *
 * Chromium is the one the e2e suites use (CHROMIUM_PATH or /usr/bin/chromium, same flags);
 * anything that cannot start fails the suite rather than skipping it.
 */
import { createServer, type Server } from "node:http";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { createServer as createVite } from "vite";
import { CHROMIUM_ARGS } from "../e2e/support/stack.ts";

const root = fileURLToPath(new URL("../", import.meta.url));

const PAGE = `<!doctype html>
<html lang="de">
  <head>
    <meta charset="utf-8" />
    <title>Komponententest</title>
    <!-- Tests load modules through this: an import() written inside a test is rewritten by vitest. -->
    <script>window.importModule = (url) => import(url);</script>
  </head>
  <body><main id="stage"></main></body>
</html>`;

/** What the blank page offers to code that tests run in it. */
export interface PageGlobals {
  importModule(url: string): Promise<Record<string, unknown>>;
  recorded: RecordedEvent[];
}

export interface RecordedEvent<T = unknown> {
  type: string;
  detail: T;
  composed: boolean;
}

export interface ComponentPage {
  browser: Browser;
  /** http://127.0.0.1:<port>/ — the widget directory (`src/components/…`, `test/…`). */
  url: string;
  /**
   * A fresh page (own context, German, Europe/Berlin) with the given modules loaded; the
   * previous one is closed. With `clock`, the page's timers and Date are Playwright's fake
   * clock, paused at that time.
   */
  open(modules: string[], options?: { clock?: Date }): Promise<Page>;
  close(): Promise<void>;
}

export async function startComponentPage(): Promise<ComponentPage> {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  };
  try {
    const vite = await createVite({
      root,
      configFile: false,
      logLevel: "error",
      clearScreen: false,
      appType: "custom",
      server: { middlewareMode: true, hmr: false, ws: false, watch: null },
      // The dependencies are served as the ES modules they ship: no pre-bundling cache for
      // test files running in parallel to share or race on.
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    cleanups.push(() => vite.close());

    const server: Server = createServer((request, response) => {
      if (request.url === "/") {
        response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
        response.end(PAGE);
        return;
      }
      if (request.url === "/@vite/client") {
        // Vite's dev client opens an HMR socket these pages do not have, failing the page.
        // The widget's modules only take `injectQuery` from it (localization.ts, on the
        // production path, not taken in dev).
        response.writeHead(200, { "content-type": "text/javascript" });
        response.end("export const injectQuery = (url) => url;\n");
        return;
      }
      vite.middlewares(request, response, () => response.writeHead(404, { "content-type": "text/plain" }).end("not found"));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

    const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    cleanups.push(() => browser.close());

    let previous: BrowserContext | undefined;
    return {
      browser,
      url,
      async open(modules, options = {}) {
        // One page at a time: a test's page lives until the next test opens one.
        await previous?.close();
        const context = (previous = await browser.newContext({ locale: "de-DE", timezoneId: "Europe/Berlin", viewport: { width: 800, height: 900 } }));
        // Well below the test timeout, so a stuck action fails with Playwright's explanation.
        context.setDefaultTimeout(5000);
        const page = await context.newPage();
        const errors: string[] = [];
        page.on("pageerror", (error) => errors.push(error.message));
        // Installed a minute early, then paused at the time asked for once the modules are
        // loaded: from there on, time only moves when a test runs the clock.
        if (options.clock) await page.clock.install({ time: options.clock.getTime() - 60_000 });
        await page.goto(url);
        for (const module of modules) await importModule(page, module);
        if (options.clock) await page.clock.pauseAt(options.clock);
        if (errors.length) throw new Error(`errors while loading ${modules.join(", ")}:\n${errors.join("\n")}`);
        return page;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Imports a module (a path below the widget directory, e.g. `src/lib/define.ts`) into the page. */
export async function importModule(page: Page, module: string): Promise<void> {
  await page.evaluate(
    (url) => (window as unknown as PageGlobals).importModule(url).then(() => undefined),
    new URL(module, page.url()).href,
  );
}

/**
 * Creates the element, assigns its properties (as the wizard's `.prop=${…}` bindings do),
 * puts it on the stage in place of anything there and waits for its first render.
 */
export async function mount(page: Page, tag: string, properties: Record<string, unknown> = {}, attributes: Record<string, string> = {}): Promise<void> {
  await page.evaluate(
    async ({ tag, properties, attributes }) => {
      const element = document.createElement(tag) as HTMLElement & { updateComplete: Promise<unknown> };
      Object.assign(element, properties);
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      document.getElementById("stage")!.replaceChildren(element);
      await element.updateComplete;
    },
    { tag, properties, attributes },
  );
}

/** Assigns properties of the element on the stage and waits until it has rendered them. */
export async function update(page: Page, properties: Record<string, unknown>): Promise<void> {
  await page.evaluate(async (properties) => {
    const element = document.getElementById("stage")!.firstElementChild as HTMLElement & { updateComplete: Promise<unknown> };
    Object.assign(element, properties);
    await element.updateComplete;
  }, properties);
}

/** Waits until every Lit element on the stage, however deep, has rendered its last change. */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const pending: Promise<unknown>[] = [];
    const visit = (root: ParentNode) => {
      for (const element of root.querySelectorAll("*")) {
        const lit = element as Element & { updateComplete?: Promise<unknown> };
        if (lit.updateComplete) pending.push(lit.updateComplete);
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    // Twice: a render can start another one (a nested element receiving new properties).
    for (let i = 0; i < 2; i++) {
      visit(document);
      await Promise.all(pending.splice(0));
    }
  });
}

/**
 * Records events of the given types that reach `document` (they bubble from the elements on
 * the stage), in `window.recorded`.
 */
export async function recordEvents(page: Page, types: string[]): Promise<void> {
  await page.evaluate((types) => {
    const w = window as unknown as PageGlobals;
    w.recorded = [];
    for (const type of types) {
      document.addEventListener(type, (event) =>
        w.recorded.push({ type, detail: (event as CustomEvent).detail ?? null, composed: event.composed }),
      );
    }
  }, types);
}

/** The events recorded so far (see recordEvents), optionally only those of one type. */
export function recorded<T = unknown>(page: Page, type?: string): Promise<RecordedEvent<T>[]> {
  return page.evaluate(
    (type) => (window as unknown as PageGlobals).recorded.filter((e) => !type || e.type === type) as RecordedEvent<T>[],
    type,
  );
}

/** Switches the widget's runtime locale, as `<terminvergabe-booking lang>` does, and waits for the stage to re-render. */
export async function setLocale(page: Page, locale: "de" | "en"): Promise<void> {
  await page.evaluate(async (locale) => {
    const w = window as unknown as PageGlobals;
    const { setLocale } = (await w.importModule("/src/lib/localization.ts")) as unknown as { setLocale(l: string): Promise<void> };
    await setLocale(locale);
  }, locale);
  await settled(page);
}

/** What has focus, deep inside shadow roots: its `data-date`, `id` or tag name. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active?.getAttribute("data-date") || active?.id || active?.tagName.toLowerCase() || "none";
  });
}

/** A gateway address where nothing listens (a port just given back by the system). */
export async function unreachableEndpoint(): Promise<string> {
  const port = await new Promise<number>((resolve, reject) => {
    const probe = createNetServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
  return `http://127.0.0.1:${port}/graphql`;
}

/** Starts one component page for the enclosing `describe` and closes it afterwards. */
export function useComponentPage(): () => ComponentPage {
  let page: ComponentPage | undefined;
  beforeAll(async () => {
    page = await startComponentPage();
  });
  afterAll(async () => page?.close());
  return () => {
    if (!page) throw new Error("component page not started");
    return page;
  };
}
