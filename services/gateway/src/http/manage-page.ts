import type { AppServices } from "../app-services.ts";
import { html, htmlResponse } from "./html.ts";

/**
 * GET /manage/:tenant — the page a mail's manage link opens. Reference and token stay in
 * the URL fragment (#ref=…&token=…), which browsers never send to a server; the widget
 * reads it in manage mode.
 */
export async function managePage(services: AppServices, tenantSlug: string): Promise<Response> {
  const tenant = await services.tenants.bySlug(tenantSlug);
  if (!tenant) return htmlResponse(html`<html lang="de"><head><meta charset="utf-8"><title>Nicht gefunden</title></head><body><main><h1>Nicht gefunden <span lang="en">/ Not found</span></h1></main></body></html>`, 404);
  return htmlResponse(html`<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ihr Termin – ${tenant.name.de}</title>
<script type="module" src="/widget.js"></script>
<style>body { font: 16px/1.5 system-ui, sans-serif; max-width: 48rem; margin: 0 auto; padding: 1rem; }</style>
</head>
<body>
<main>
<h1>${tenant.name.de}</h1>
<terminvergabe-booking tenant="${tenant.slug}" mode="manage" lang="${tenant.locale}"></terminvergabe-booking>
<noscript>Bitte aktivieren Sie JavaScript, um Ihren Termin anzuzeigen. <span lang="en">Please enable JavaScript to view your appointment.</span></noscript>
</main>
</body>
</html>`);
}
