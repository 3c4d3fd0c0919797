import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DEMO_PASSWORD } from "@terminvergabe/db";
import { demoTenants } from "@terminvergabe/db/demo";
import { csp, type DemoSite, DEMO_SCRIPT, indexPage, isolationPage, OTHER_FRAMEWORK_SCRIPT, sitePage } from "./pages.ts";

export interface DemoHostOptions {
  port: number;
  host: string;
  /** Public base URL of the gateway the pages embed the widget from, e.g. http://localhost:4000. */
  gatewayUrl: string;
}

export interface RunningDemoHost {
  port: number;
  close(): Promise<void>;
}

const TOWNS: Record<string, { town: string; colour: string }> = {
  "demo-buergerbuero": { town: "Stadt Musterstadt", colour: "#1d5c4f" },
  "demo-buergerservice": { town: "Beispielstadt", colour: "#7a1f2b" },
  "demo-steuerberatung": { town: "Arbeitnehmerkammer Musterland", colour: "#3f2a6e" },
};

/** The demo agencies' websites, from the demo seed (names, phone hours, contact). */
export function demoSites(): DemoSite[] {
  return demoTenants.map((t) => ({
    slug: t.slug,
    name: t.name.de,
    town: TOWNS[t.slug]?.town ?? t.name.de,
    colour: TOWNS[t.slug]?.colour ?? "#333333",
    contactEmail: t.contactEmail,
    phoneHours: [...new Set(t.offices.flatMap((o) => (o.notes?.phoneHours ? [o.notes.phoneHours.de] : [])))],
    // An agency with portal customers (it allocates by lottery) embeds the customer portal, not the booking wizard.
    portal: t.customers.length ? { customers: t.customers.map((c) => ({ name: c.name, email: c.email })), password: DEMO_PASSWORD } : undefined,
  }));
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    "content-type": type,
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-cache",
    "x-content-type-options": "nosniff",
    ...headers,
  });
  res.end(body);
}

/**
 * Serves one plain municipal web page per demo tenant on its own origin (a different port
 * than the gateway), each embedding the booking widget with the snippet an agency would
 * paste, plus `/<slug>/klassisch` (classic script) and `/<slug>/haertetest` (hostile page).
 */
export async function startDemoHost(options: DemoHostOptions): Promise<RunningDemoHost> {
  const gatewayUrl = options.gatewayUrl.replace(/\/$/, "");
  const sites = demoSites();
  const policy = csp(gatewayUrl);

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "text/plain; charset=utf-8", "Method not allowed\n");
    const url = new URL(req.url ?? "/", "http://demo.invalid");
    const html = (body: string) => send(res, 200, "text/html; charset=utf-8", body, { "content-security-policy": policy });
    const lang = url.searchParams.get("lang") === "en" ? "en" : "de";
    const [slug, variant, ...rest] = url.pathname.split("/").filter(Boolean);
    if (!slug) return html(indexPage(sites, gatewayUrl));
    if (slug === "assets" && !rest.length) {
      if (variant === "demo.js") return send(res, 200, "text/javascript; charset=utf-8", DEMO_SCRIPT);
      if (variant === "other-framework.js") return send(res, 200, "text/javascript; charset=utf-8", OTHER_FRAMEWORK_SCRIPT);
    }
    const site = sites.find((s) => s.slug === slug);
    if (site && !rest.length) {
      if (!variant) return html(sitePage(site, { gatewayUrl, lang, embed: "module" }));
      if (variant === "klassisch") return html(sitePage(site, { gatewayUrl, lang, embed: "classic" }));
      if (variant === "haertetest") return html(isolationPage(site, { gatewayUrl, lang, embed: "module" }));
    }
    if (url.pathname === "/favicon.ico") return send(res, 204, "text/plain", "");
    send(res, 404, "text/plain; charset=utf-8", "Nicht gefunden / Not found\n");
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
