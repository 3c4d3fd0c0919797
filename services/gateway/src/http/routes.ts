import { CITIZEN } from "@terminvergabe/core";
import type { Plugin } from "graphql-yoga";
import type { AppServices } from "../app-services.ts";
import { browserOrigin, type Caller, originCheckedTenants } from "../caller.ts";
import { localeFromHeader } from "../i18n/messages.ts";
import { drawRecordResponse } from "../lottery/draw-record-route.ts";
import { devMailboxResponse } from "../mail/dev-mailbox-page.ts";
import { bodyLimitError, refusedBody } from "./body-limit.ts";
import { deskPage } from "./desk-page.ts";
import { landingPage } from "./landing-page.ts";
import { embedCheck } from "./embed-check.ts";
import { managePage } from "./manage-page.ts";
import { type PortalLink, portalPage } from "./portal-page.ts";
import { widgetAsset } from "./widget-assets.ts";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

const notFound = () => new Response("Not found / Nicht gefunden", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

/** The dev mailbox shows every tenant's mail: only in the embedded demo (no real DB, no SMTP, demo data). */
export function devMailboxEnabled(services: AppServices): boolean {
  return !services.config.smtpUrl && !services.config.databaseUrl && services.config.seedDemo;
}

/** A citizen downloading from a browser: the same origin rule as the API, refusal answered as "not found". */
function citizenCaller(services: AppServices, request: Request): Caller {
  const origin = browserOrigin(request.headers, services.config.publicUrl);
  return {
    actor: CITIZEN,
    locale: localeFromHeader(request.headers.get("accept-language")),
    tenantBySlug: originCheckedTenants((slug) => services.tenants.bySlug(slug), origin, () => new Error("origin not allowed")),
  };
}

async function icsDownload(services: AppServices, request: Request, tenant: string, reference: string, key: string) {
  const ics = await services.booking.icsFile(citizenCaller(services, request), tenant, reference, key).catch(() => null);
  if (!ics) return notFound();
  return new Response(ics, {
    headers: {
      "content-type": "text/calendar; charset=utf-8; method=REQUEST",
      "content-disposition": `attachment; filename="termin-${reference}.ics"`,
      "cache-control": "no-store",
    },
  });
}

/** Non-GraphQL HTTP routes, served by yoga so tests reach them through `yoga.fetch`. */
export function useRoutes(services: AppServices): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      // The node:http server refuses these before yoga (server.ts); this covers yoga.fetch.
      const refused = refusedBody({
        "content-length": request.headers.get("content-length") ?? undefined,
        "transfer-encoding": request.headers.get("transfer-encoding") ?? undefined,
      });
      if (refused) {
        const { status, body } = bodyLimitError(refused);
        return endResponse(new Response(body, { status, headers: { "content-type": "application/json" } }));
      }
      if (request.method !== "GET" && request.method !== "HEAD") return;
      const path = url.pathname;
      switch (path) {
        case "/":
          return endResponse(await landingPage(services));
        case "/healthz":
          return endResponse(json({ status: "ok" }));
        case "/readyz":
          try {
            await services.db.ping();
            // Without Redis bookings go on and live updates stay on this instance:
            // "degraded" (still 200, the instance serves), not unavailable.
            const pubsub = services.pubsubState();
            return endResponse(json({ status: pubsub === "degraded" ? "degraded" : "ready", database: services.db.kind, pubsub }));
          } catch {
            return endResponse(json({ status: "unavailable" }, 503));
          }
      }
      if (path === "/widget/embed-check") return endResponse(await embedCheck(services, request, url));
      if (path.startsWith("/widget") || path.startsWith("/desk") || path.startsWith("/portal.") || path === "/custom-elements.json") {
        const asset = await widgetAsset(path, request, await services.allowedOrigins(), services.config.publicUrl);
        if (asset) return endResponse(asset);
      }
      if (path === "/dev/mail" || path.startsWith("/dev/mail/")) {
        return endResponse(devMailboxEnabled(services) ? await devMailboxResponse(services.db, url, services.mailCipher) : notFound());
      }
      const desk = /^\/desk\/([a-z0-9-]{1,64})(?:\/|\/set-password)?$/.exec(path);
      if (desk) return endResponse(await deskPage(services, desk[1]!));
      const portal = /^\/portal\/([a-z0-9-]{1,64})\/(verify|offer|reset-password|confirm-email)$/.exec(path);
      if (portal) return endResponse(await portalPage(services, portal[1]!, portal[2] as PortalLink));
      const manage = /^\/manage\/([a-z0-9-]{1,64})$/.exec(path);
      if (manage) return endResponse(await managePage(services, manage[1]!));
      const ics = /^\/ics\/([a-z0-9-]{1,64})\/([A-Za-z0-9-]{1,20})\.ics$/.exec(path);
      if (ics) return endResponse(await icsDownload(services, request, ics[1]!, ics[2]!, (url.searchParams.get("key") ?? "").slice(0, 100)));
      const draw = /^\/draws\/([a-z0-9-]{1,64})\/([a-z0-9-]{1,64})\.json$/.exec(path);
      if (draw) return endResponse(await drawRecordResponse(services, draw[1]!, draw[2]!));
    },
  };
}
