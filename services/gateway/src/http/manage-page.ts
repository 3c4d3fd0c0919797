import type { Tenant } from "@terminvergabe/core";
import type { AppServices } from "../app-services.ts";
import { html, htmlResponse, SafeHtml } from "./html.ts";

const CSS_NAME = /^--tv-[a-z0-9-]+$/;
const CSS_VALUE = /^[^;{}<>\\]{1,200}$/;

/** The tenant's theme as page-wide custom properties (the same checks as the widget's). */
function themeCss(theme: Tenant["theme"]): SafeHtml {
  const declarations = Object.entries(theme)
    .filter(([name, value]) => CSS_NAME.test(name) && CSS_VALUE.test(value))
    .map(([name, value]) => `${name}: ${value};`);
  return new SafeHtml(`:root { ${declarations.join(" ")} }`);
}

/** Only http(s) links from the tenant's configuration go on the page. */
function safeLink(url: string | null): string | null {
  try {
    return url && /^https?:$/.test(new URL(url).protocol) ? url : null;
  } catch {
    return null;
  }
}

/**
 * GET /manage/:tenant — the page a mail's manage link opens. Reference and token stay in
 * the URL fragment (#ref=…&token=…), which browsers never send to a server; the widget
 * reads it in manage mode. The page wears the tenant's theme (its `--tv-*` properties, and
 * `--tv-font-family` for the agency's font) and links the tenant's Impressum and
 * Datenschutz pages.
 */
export async function managePage(services: AppServices, tenantSlug: string): Promise<Response> {
  const tenant = await services.tenants.bySlug(tenantSlug);
  if (!tenant) return htmlResponse(html`<html lang="de"><head><meta charset="utf-8"><title>Nicht gefunden</title></head><body><main><h1>Nicht gefunden <span lang="en">/ Not found</span></h1></main></body></html>`, 404);
  const imprint = safeLink(tenant.imprintUrl);
  const privacy = safeLink(tenant.privacyUrl);
  const legal = [
    ...(imprint ? [html`<li><a href="${imprint}">Impressum</a></li>`] : []),
    ...(privacy ? [html`<li><a href="${privacy}">Datenschutz</a></li>`] : []),
  ];
  return htmlResponse(html`<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ihr Termin – ${tenant.name.de}</title>
<script type="module" src="/widget.js"></script>
<style>${themeCss(tenant.theme)}
body { font: 16px/1.5 var(--tv-font-family, system-ui, sans-serif); margin: 0; color: #1a1a1a; }
header { background: var(--tv-color-primary, #0b57a4); color: var(--tv-color-on-primary, #fff); }
header h1 { margin: 0; font-size: 1.5rem; }
header, main, footer { padding: 1rem max(1rem, calc((100% - 48rem) / 2)); }
footer { border-top: 1px solid #c4c7cc; }
footer ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1.5rem; margin: 0; padding: 0; }
a { color: var(--tv-color-link, var(--tv-color-primary, #0b57a4)); }</style>
</head>
<body>
<header><h1>${tenant.name.de}</h1></header>
<main>
<terminvergabe-booking tenant="${tenant.slug}" mode="manage" lang="${tenant.locale}"></terminvergabe-booking>
<noscript>Bitte aktivieren Sie JavaScript, um Ihren Termin anzuzeigen. <span lang="en">Please enable JavaScript to view your appointment.</span></noscript>
</main>
${legal.length ? html`<footer><nav aria-label="Rechtliches"><ul>${legal}</ul></nav></footer>` : ""}
</body>
</html>`);
}
