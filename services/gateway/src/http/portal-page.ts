import type { AppServices } from "../app-services.ts";
import { html, htmlResponse } from "./html.ts";

const TITLES = {
  verify: { de: "E-Mail-Adresse bestätigen", en: "Confirm your e-mail address" },
  offer: { de: "Ihr Terminangebot", en: "Your appointment offer" },
  "reset-password": { de: "Neues Passwort", en: "New password" },
  "confirm-email": { de: "Neue E-Mail-Adresse bestätigen", en: "Confirm your new e-mail address" },
} as const;

/** The portal mails' links: registration, offer, password reset, e-mail change. */
export type PortalLink = keyof typeof TITLES;

/**
 * GET /portal/:tenant/(verify|offer|reset-password|confirm-email) — the pages the customer
 * portal's mails link to (registration, offer, password reset, e-mail change). The token stays in the URL fragment (#token=…),
 * which browsers never send to a server; `<terminvergabe-portal mode="…">` reads it, so an
 * offer can be confirmed or declined without signing in. The portal applies the tenant's theme.
 */
export async function portalPage(services: AppServices, tenantSlug: string, mode: PortalLink): Promise<Response> {
  const tenant = await services.tenants.bySlug(tenantSlug);
  if (!tenant) return htmlResponse(html`<html lang="de"><head><meta charset="utf-8"><title>Nicht gefunden</title></head><body><main><h1>Nicht gefunden <span lang="en">/ Not found</span></h1></main></body></html>`, 404);
  const locale = tenant.locale === "en" ? "en" : "de";
  return htmlResponse(html`<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${TITLES[mode][locale]} – ${tenant.name[locale] ?? tenant.name.de}</title>
<script type="module" src="/portal.js"></script>
<style>body { font: 16px/1.5 system-ui, sans-serif; max-width: 48rem; margin: 0 auto; padding: 1rem; }</style>
</head>
<body>
<main>
<h1>${tenant.name[locale] ?? tenant.name.de}</h1>
<terminvergabe-portal tenant="${tenant.slug}" mode="${mode}" lang="${locale}"></terminvergabe-portal>
<noscript>Bitte aktivieren Sie JavaScript. <span lang="en">Please enable JavaScript.</span></noscript>
</main>
</body>
</html>`);
}
