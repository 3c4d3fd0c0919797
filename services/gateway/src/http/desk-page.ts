import type { AppServices } from "../app-services.ts";
import { html, htmlResponse } from "./html.ts";

/**
 * GET /desk/:tenant (and /desk/:tenant/set-password, an invitation mail's link with the token
 * in the fragment) — the staff desk (clerks and admins) of one agency. The page only loads
 * the desk bundle (/desk.js, built from widget/src/desk); it talks to /graphql on the same
 * origin with the session cookie. `sso` names the agency's OpenID provider when it has one,
 * so the sign-in offers "Anmelden mit <provider>".
 */
export async function deskPage(services: AppServices, tenantSlug: string): Promise<Response> {
  const tenant = await services.tenants.bySlug(tenantSlug);
  if (!tenant) {
    return htmlResponse(
      html`<html lang="de"><head><meta charset="utf-8"><title>Nicht gefunden</title></head><body><main><h1>Nicht gefunden <span lang="en">/ Not found</span></h1></main></body></html>`,
      404,
    );
  }
  const sso = await services.identity.oidc.providerName(tenant);
  const response = htmlResponse(html`<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Arbeitsplatz – ${tenant.name.de}</title>
<script type="module" src="/desk.js"></script>
<style>html { background: #f4f5f7; } body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1b1f24; }</style>
</head>
<body>
<terminvergabe-desk tenant="${tenant.slug}" tenant-name="${tenant.name.de}" sso="${sso ?? ""}" lang="de"></terminvergabe-desk>
<noscript>Der Arbeitsplatz braucht JavaScript. <span lang="en">The desk needs JavaScript.</span></noscript>
</body>
</html>`);
  response.headers.set("cache-control", "no-store");
  response.headers.set("referrer-policy", "no-referrer");
  return response;
}
